import type { Id, IsoDate, Person, PersonMove } from '../../../../plugin/domain/types.ts';
import type { ApiClient } from '../../api/client.ts';

/** What happened to one KR of a leaver or mover. */
export interface KrChange {
  id: Id;
  title: string;
  change: 'reassigned' | 'archived';
  ownerId: Id;
}

export interface LeaveInput {
  on: IsoDate;
  reason: string;
  krs: 'successor' | 'archive';
  successorId?: Id;
}

export interface MoveInput {
  on: IsoDate;
  reason: string;
  toRegionId: Id;
  managerId: Id | null;
  krs: 'move' | 'stay';
  successorId?: Id;
}

const path = (id: Id, verb: string) => `/api/people/${encodeURIComponent(id)}/${verb}`;

/** person.leave and person.move (plugin/app/commands/people-changes.ts). */
export const peopleChangesApi = (api: ApiClient) => ({
  leave: (id: Id, input: LeaveInput) =>
    api.post<{ person: Person; keyResults: KrChange[] }>(path(id, 'leave'), input),
  move: (id: Id, input: MoveInput) =>
    api.post<{ person: Person; move: PersonMove; keyResults: KrChange[] }>(path(id, 'move'), input),
});
