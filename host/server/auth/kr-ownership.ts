import type { Id, KeyResult, Person } from '../../../plugin/domain/types.ts';
import type { Subject } from '../../../plugin/sdk/index.ts';

/**
 * Ownership facts of a KR for the policy: owner person (personal KR) and region. Pure, so the
 * browser shell asks the policy the same question the server does.
 */
export function krOwnership(
  kr: Pick<KeyResult, 'ownerType' | 'ownerId'>,
  people: ReadonlyMap<Id, Pick<Person, 'regionId'>>,
  type: Subject['type'] = 'keyResult',
): Subject {
  const personal = kr.ownerType === 'person';
  return {
    type,
    ownerPersonId: personal ? kr.ownerId : null,
    regionId: personal ? (people.get(kr.ownerId)?.regionId ?? null) : kr.ownerId,
  };
}
