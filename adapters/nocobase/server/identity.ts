import type { Person, Role } from '../../../plugin/domain/types.ts';
import type { Action, HostUser, IdentityPort, Subject } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';

/**
 * NocoBase role names that stand for one of ours. `root` and `admin` are NocoBase's own; the others
 * are created by the plugin on install so an administrator can give them to users.
 */
export const ROLE_MAP: Readonly<Record<string, Role>> = {
  root: 'admin',
  admin: 'admin',
  okr_hr: 'hr',
  okr_strategy: 'strategy',
  okr_manager: 'manager',
  okr_sales: 'sales',
};

/** The NocoBase roles the plugin creates, with the i18n key of their title. */
export const PACK_ROLES = Object.entries(ROLE_MAP)
  .filter(([name]) => name.startsWith('okr_'))
  .map(([name, role]) => ({ name, role, title: `roles.${role}` }));

/** A signed-in NocoBase user as the pack sees it. */
export interface NocobaseUser {
  id: number | string;
  nickname?: string;
  username?: string;
}

/**
 * The pack's user for a NocoBase user: the person connected to the account (`okr_people.userId`),
 * with the role the NocoBase role maps to, else the person's own role. Null when neither gives a role.
 */
export function hostUserOf(
  user: NocobaseUser | undefined,
  nocobaseRole: string | undefined,
  person: Person | null,
): HostUser | null {
  if (!user) return null;
  const mapped = nocobaseRole ? ROLE_MAP[nocobaseRole] : undefined;
  const role = mapped ?? person?.role;
  if (!role) return null;
  return {
    userId: String(user.id),
    personId: person?.id ?? `nocobase-user:${user.id}`,
    name: person?.name ?? user.nickname ?? user.username ?? String(user.id),
    role,
    regionId: person?.regionId ?? null,
    scope: null,
  };
}

/** The sdk `IdentityPort` for one request; answers with the same policy table as the reference host. */
export function createIdentity(user: HostUser | null): IdentityPort {
  return {
    currentUser: () => user,
    can: (action: Action, subject: Subject) => (user ? can(user, action, subject) : false),
  };
}
