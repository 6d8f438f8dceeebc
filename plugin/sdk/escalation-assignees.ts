import type { Id, Person } from '../domain/types.ts';
import type { Subject } from './identity-port.ts';
import { can } from './permissions.ts';

/** A person as offered for an escalation. */
export type Assignee = Pick<Person, 'id' | 'name' | 'role' | 'regionId'>;

const ROLE_ORDER: Record<Person['role'], number> = { manager: 0, hr: 1, admin: 2, strategy: 3, sales: 4 };

/**
 * The people an escalation on `subject` may be assigned to: those the policy lets act on it (the
 * KR's regional manager, HR, admins). Pure pack policy, so every host and page offers
 * exactly the people the server accepts.
 */
export function escalationAssignees(subject: Subject, people: Iterable<Assignee>): Assignee[] {
  return [...people]
    .filter((p) => {
      const asUser = {
        userId: p.id,
        personId: p.id,
        name: p.name,
        role: p.role,
        regionId: p.regionId,
        scope: null,
      };
      return can(asUser, 'assign', subject) || can(asUser, 'resolve', subject);
    })
    .sort(
      (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || cmp(a.id, b.id),
    )
    .map(({ id, name, role, regionId }) => ({ id, name, role, regionId }));
}

const cmp = (a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);
