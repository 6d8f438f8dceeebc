import type { Person, Role } from '../domain/types.ts';
import type { HostUser } from '../sdk/index.ts';

/** A host's own role names that stand for one of the pack's roles, strongest first. */
export type RoleMap = Readonly<Record<string, Role>>;

/** Of a host user's roles, the first in `map`'s order that stands for a pack role, if any. */
export const strongestRole = (map: RoleMap, roles: readonly string[]): string | undefined =>
  Object.keys(map).find((r) => roles.includes(r));

/**
 * The pack's user of a signed-in host account: the person connected to it, with the role its host
 * role maps to, else the person's own role; null when neither gives a role. Without a person the
 * account acts as `unlinkedId` under its own name.
 */
export function accountUser(
  account: { id: string; name: string },
  hostRole: string | undefined,
  map: RoleMap,
  person: Person | null,
  unlinkedId: string,
): HostUser | null {
  const role = (hostRole ? map[hostRole] : undefined) ?? person?.role;
  if (!role) return null;
  return {
    userId: account.id,
    personId: person?.id ?? unlinkedId,
    name: person?.name ?? account.name,
    role,
    regionId: person?.regionId ?? null,
    scope: null,
  };
}
