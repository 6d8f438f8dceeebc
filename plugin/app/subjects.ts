import type { Id, KeyResult, Person } from '../domain/types.ts';
import { boardOf, type Subject } from '../sdk/index.ts';
import type { Records } from './ports.ts';

/**
 * Ownership facts of a KR for the policy: owner person (personal KR), region and board. Pure, so a
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

/** `krOwnership` read from the records, with the KR's board. */
export async function krSubject(
  records: Pick<Records, 'get'>,
  kr: Pick<KeyResult, 'ownerType' | 'ownerId' | 'cycleId'>,
  type: Subject['type'] = 'keyResult',
): Promise<Subject> {
  const owner = kr.ownerType === 'person' ? await records.get('people', kr.ownerId) : null;
  const people = new Map(owner ? [[owner.id, owner]] : []);
  return { ...krOwnership(kr, people, type), boardId: boardOf(kr.cycleId) };
}

/** Ownership facts of a record that belongs to one person (activity, account, statement…). */
export function personSubject(person: Pick<Person, 'id' | 'regionId'>, type: Subject['type']): Subject {
  return { type, ownerPersonId: person.id, regionId: person.regionId };
}
