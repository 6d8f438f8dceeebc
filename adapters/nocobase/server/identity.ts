import { accountUser, type RoleMap } from '../../../plugin/app/host-roles.ts';
import type { Person } from '../../../plugin/domain/types.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';

/**
 * NocoBase role names that stand for one of ours. `root` and `admin` are NocoBase's own; the others
 * are created by the plugin on install so an administrator can give them to users.
 */
export const ROLE_MAP: RoleMap = {
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
  const name = user.nickname ?? user.username ?? String(user.id);
  return accountUser(
    { id: String(user.id), name },
    nocobaseRole,
    ROLE_MAP,
    person,
    `nocobase-user:${user.id}`,
  );
}
