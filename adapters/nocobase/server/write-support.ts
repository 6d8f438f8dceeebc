import type { KeyResult, Person } from '../../../plugin/domain/types.ts';
import { type Action, type BoardMessage, boardOf, type Subject } from '../../../plugin/sdk/index.ts';
import type { PackService } from './pack-service.ts';
import { refuse } from './requests.ts';

// Checks shared by the escalation, objective and peer-review actions (the same rules as write-actions.ts).

/** Ownership facts of a KR for the policy, with its board (as the reference host's `krSubject`). */
export async function krSubjectOf(s: PackService, kr: KeyResult, type: Subject['type']): Promise<Subject> {
  const personal = kr.ownerType === 'person';
  const owner = personal ? await s.data.get('people', kr.ownerId) : null;
  return {
    type,
    ownerPersonId: personal ? kr.ownerId : null,
    regionId: personal ? (owner?.regionId ?? null) : kr.ownerId,
    boardId: boardOf(kr.cycleId),
  };
}

export async function loadKeyResult(s: PackService, krId: string): Promise<KeyResult> {
  const kr = await s.data.get('keyResults', krId);
  if (!kr) throw refuse(404, 'not-found', `key result "${krId}" does not exist; check the id`);
  return kr;
}

/** The signed-in user, or 401. */
export function signedIn(s: PackService) {
  if (!s.user) throw refuse(401, 'unauthenticated', 'sign in first');
  return s.user;
}

/** Checks the pack policy; returns the acting person's id. */
export function allow(s: PackService, action: Action, subject: Subject, what: string): string {
  const user = signedIn(s);
  if (!s.identity.can(action, subject)) {
    throw refuse(403, 'forbidden', `role ${user.role} may not ${action} this ${what}; ask an administrator`);
  }
  return user.personId;
}

/** Refuses writes into a locked cycle, like the reference host. */
export async function cycleOpen(s: PackService, cycleId: string): Promise<void> {
  const cycle = await s.data.get('cycles', cycleId);
  if (!cycle) throw refuse(404, 'not-found', `cycle "${cycleId}" does not exist; check the id`);
  if (cycle.locked) {
    throw refuse(
      409,
      'cycle-locked',
      `cycle ${cycle.name}: the cycle is locked; its records no longer change`,
    );
  }
}

export async function peopleById(s: PackService): Promise<Map<string, Person>> {
  return new Map((await s.data.list('people')).map((p) => [p.id, p]));
}

/** Sends a committed change to the board, to the clients who may read `about`. Call after commit only. */
export function announceOn(s: PackService, about: Subject, message: BoardMessage): void {
  if (!about.boardId) return;
  s.realtime.publish(
    about.boardId,
    { ...message, ...(s.user ? { byPersonId: s.user.personId } : {}) },
    about,
  );
}
