import type { Id, Person } from '../../../plugin/domain/types.ts';
import type { Subject } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';

const ROLE_ORDER: Record<Person['role'], number> = { manager: 0, hr: 1, admin: 2, strategy: 3, sales: 4 };

/**
 * The people an escalation on `subject` may be assigned to: those the policy lets act on it (the
 * KR's regional manager, HR, admins). Pure, so the calibration page offers exactly the people the
 * server accepts.
 */
export function escalationAssignees(
  subject: Subject,
  people: Iterable<Pick<Person, 'id' | 'name' | 'role' | 'regionId'>>,
): Pick<Person, 'id' | 'name' | 'role' | 'regionId'>[] {
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
    );
}

const cmp = (a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);
