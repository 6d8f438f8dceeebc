import type { EnumOption } from '../../../forms/runtime/schema-node.ts';
import type { Person, Region } from '../../../plugin/domain/types.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';

/** A person as the board lists them; the role may be left out of a list's type (it is on the rows). */
export type PersonRow = Pick<Person, 'id' | 'name' | 'regionId'> & { role?: Person['role'] };

/**
 * Whom the signed-in person may propose a KR for, as the policy says (`keyResult.create`): a rep
 * for themself, a manager for their region and its reps, an admin for anyone who sells or leads sellers.
 */
export function ownerOptions(
  user: Pick<HostUser, 'personId' | 'role' | 'regionId'>,
  people: readonly PersonRow[],
  regions: readonly Pick<Region, 'id' | 'name'>[],
): { people: EnumOption[]; regions: EnumOption[] } {
  const option = (x: { id: string; name: string }) => ({ label: x.name, value: x.id });
  const sellers = people.filter((p) => p.role === undefined || p.role === 'sales' || p.role === 'manager');
  if (user.role === 'admin') return { people: sellers.map(option), regions: regions.map(option) };
  if (user.role === 'manager')
    return {
      people: sellers.filter((p) => p.regionId !== null && p.regionId === user.regionId).map(option),
      regions: regions.filter((r) => r.id === user.regionId).map(option),
    };
  if (user.role === 'sales')
    return { people: people.filter((p) => p.id === user.personId).map(option), regions: [] };
  return { people: [], regions: [] };
}

/** Roles that may propose KRs at all (strategy and HR read the board). */
export const KR_PROPOSERS: readonly string[] = ['sales', 'manager', 'admin'];
