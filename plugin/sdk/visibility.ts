import type { PoolRunResult } from '../domain/pool.ts';
import type { Cents, Id, KeyResult, Person, Snapshot } from '../domain/types.ts';
import type { Evaluation, RuleEvent } from '../engine/index.ts';
import type { HostUser, Subject } from './identity-port.ts';
import { can } from './permissions.ts';
import { boardOf } from './realtime-port.ts';

/** A person as a user sees them: the base bonus only for hr/admin and for oneself. */
export type VisiblePerson = Omit<Person, 'baseBonusCents'> & { baseBonusCents: Cents | null };

/** What a user may read of a snapshot; people's base bonus may be withheld (null). */
export type VisibleSnapshot = Omit<Snapshot, 'people'> & { people: VisiblePerson[] };

type People = ReadonlyMap<Id, Pick<Person, 'regionId'>>;

const peopleOf = (snapshot: Pick<Snapshot, 'people'>): People =>
  new Map(snapshot.people.map((p) => [p.id, p]));

/** Ownership facts of a KR for the policy (owner, region, board), as every host computes them. */
function krSubject(kr: KeyResult, people: People, type: Subject['type']): Subject {
  const personal = kr.ownerType === 'person';
  return {
    type,
    ownerPersonId: personal ? kr.ownerId : null,
    regionId: personal ? (people.get(kr.ownerId)?.regionId ?? null) : kr.ownerId,
    boardId: boardOf(kr.cycleId),
  };
}

/** Ownership facts of a record of one person (activity, account, statement). */
const personSubject = (personId: Id, people: People, type: Subject['type']): Subject => ({
  type,
  ownerPersonId: personId,
  regionId: people.get(personId)?.regionId ?? null,
});

/** The KRs of `snapshot` that `user` may read, by id. */
function readableKrs(user: HostUser, snapshot: Snapshot, people: People): Map<Id, KeyResult> {
  return new Map(
    snapshot.keyResults
      .filter((kr) => can(user, 'read', krSubject(kr, people, 'keyResult')))
      .map((kr) => [kr.id, kr]),
  );
}

/**
 * What `user` may read of `snapshot`, record by record, with the pack policy (`can`): KRs they may
 * read with their links, the check-ins and escalations of those KRs (and, as on
 * the reference host, escalations assigned to them), activities and key accounts of people they may read, and raw peer
 * reviews only where the policy allows (hr/admin): for everyone else reviewer ids never leave the
 * host. Cycle, regions, people and objectives stay; a person's base bonus only for hr/admin and self.
 * Pure: every host answers the same.
 */
export function visibleSnapshot(user: HostUser, snapshot: Snapshot): VisibleSnapshot {
  const people = peopleOf(snapshot);
  const krs = readableKrs(user, snapshot, people);
  const seesPay = user.role === 'hr' || user.role === 'admin';
  const krAllows = (krId: Id, type: Subject['type']) => {
    const kr = krs.get(krId);
    return kr !== undefined && can(user, 'read', krSubject(kr, people, type));
  };
  return {
    ...snapshot,
    people: snapshot.people.map((p) =>
      seesPay || p.id === user.personId ? p : { ...p, baseBonusCents: null },
    ),
    // Links are read with their KR (the policy gives both the same readers).
    keyResults: [...krs.values()],
    checkIns: snapshot.checkIns.filter((c) => krAllows(c.krId, 'checkIn')),
    escalations: snapshot.escalations.filter(
      (e) => e.assigneeId === user.personId || krAllows(e.krId, 'escalation'),
    ),
    activities: snapshot.activities.filter((a) =>
      can(user, 'read', personSubject(a.personId, people, 'activity')),
    ),
    keyAccounts: snapshot.keyAccounts.filter((a) =>
      can(user, 'read', personSubject(a.ownerId, people, 'keyAccount')),
    ),
    peerReviews: can(user, 'read', { type: 'peerReview' }) ? snapshot.peerReviews : [],
  };
}

/** The pool run with the amounts of the people whose statement `user` may read (their own at least). */
function visiblePool(user: HostUser, pool: PoolRunResult, people: People): PoolRunResult {
  const mine = (personId: Id) =>
    personId === user.personId || can(user, 'read', personSubject(personId, people, 'statement'));
  return {
    ...pool,
    eligible: pool.eligible.filter(mine),
    excluded: pool.excluded.filter((e) => mine(e.personId)),
    allocations: pool.allocations.filter((a) => mine(a.personId)),
    statements: pool.statements.filter((s) => mine(s.personId)),
  };
}

/**
 * What `user` may read of an evaluation of `snapshot` (the full snapshot it was computed from):
 * alignment scores, colours and rule events about KRs, accounts and people they may read, pool
 * amounts only of the people whose statement they may read. Aggregates (alignment rate, linked
 * rate, monthly metrics, pool size, pool-wide events) stay as they are.
 */
export function visibleEvaluation(user: HostUser, evaluation: Evaluation, snapshot: Snapshot): Evaluation {
  const people = peopleOf(snapshot);
  const krs = readableKrs(user, snapshot, people);
  const aboutReadable = ({ subject }: RuleEvent) => {
    if (subject.krId !== undefined) return krs.has(subject.krId);
    if (subject.personId !== undefined) {
      const type = subject.accountId === undefined ? 'activity' : 'keyAccount';
      return can(user, 'read', personSubject(subject.personId, people, type));
    }
    return subject.accountId === undefined;
  };
  return {
    ...evaluation,
    alignment: {
      ...evaluation.alignment,
      perKr: evaluation.alignment.perKr.filter((k) => krs.has(k.krId)),
    },
    colours: evaluation.colours.filter((c) => krs.has(c.krId)),
    events: evaluation.events.filter(aboutReadable),
    pool: evaluation.pool && visiblePool(user, evaluation.pool, people),
  };
}
