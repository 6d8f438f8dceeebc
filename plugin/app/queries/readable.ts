import type { Id, Person } from '../../domain/types.ts';
import { type Action, can, type HostUser, type Subject } from '../../sdk/index.ts';
import type { AppRecords, Records } from '../ports.ts';
import { krOwnership } from '../subjects.ts';

// What the reads of the pack share: the people by id and the KRs the caller may read.

export async function peopleById(records: Pick<Records, 'find'>): Promise<Map<Id, Person>> {
  return new Map((await records.find('people')).map((p) => [p.id, p]));
}

/** The KRs (of `cycleId`, or all) whose `type` records the caller may `action`, by id. */
export async function readableKeyResults(
  records: Pick<Records, 'find'>,
  user: HostUser,
  type: Subject['type'],
  cycleId?: Id,
  action: Action = 'read',
): Promise<Map<Id, AppRecords['keyResults']>> {
  const people = await peopleById(records);
  const krs = await records.find('keyResults', cycleId ? { cycleId } : undefined);
  return new Map(
    krs.filter((kr) => can(user, action, krOwnership(kr, people, type))).map((kr) => [kr.id, kr]),
  );
}

/** `a` before `b` by the given keys, as text (the same order on every host and database). */
export const byKeys =
  <T>(...keys: ((row: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
