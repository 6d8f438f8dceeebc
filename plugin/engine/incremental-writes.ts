/**
 * The writes the incremental evaluator understands, and what each does to a snapshot. Pure: a
 * write never changes the snapshot it is applied to. The effects mirror the reference host's
 * storage: a check-in or KR is saved by id (a known id is replaced where it stands, a new one is
 * appended), a link by (KR, objective), and removing a KR removes its check-ins, links and
 * escalations (the foreign keys cascade).
 */
import type { Settings } from '../domain/settings.ts';
import type { CheckIn, Escalation, Id, KeyResult, KrLink, Snapshot } from '../domain/types.ts';
import { InputError } from './errors.ts';

export type Write =
  /** A check-in submitted or changed (by id; it may move to another KR). */
  | { kind: 'check-in-saved'; checkIn: CheckIn }
  | { kind: 'check-in-removed'; checkInId: Id }
  /** A KR created or edited (by id), links included. */
  | { kind: 'kr-saved'; keyResult: KeyResult }
  /** A KR removed with its check-ins, links and escalations. */
  | { kind: 'kr-removed'; krId: Id }
  /** A link of a KR to an Objective saved (by objective id). */
  | { kind: 'link-saved'; krId: Id; link: KrLink }
  | { kind: 'link-removed'; krId: Id; objectiveId: Id }
  /** An escalation raised, assigned or resolved (by id): it feeds the response-time metric only. */
  | { kind: 'escalation-saved'; escalation: Escalation }
  /** New settings: everything is evaluated again. */
  | { kind: 'settings-changed'; settings: Settings }
  /** Any other change (people, objectives, reviews, activity, …): everything is evaluated again. */
  | { kind: 'snapshot-replaced'; snapshot: Snapshot };

export type WriteKind = Write['kind'];

function upsertById<T extends { id: Id }>(items: readonly T[], item: T): T[] {
  const at = items.findIndex((existing) => existing.id === item.id);
  if (at < 0) return [...items, item];
  const next = [...items];
  next[at] = item;
  return next;
}

function krOf(snapshot: Snapshot, krId: Id): KeyResult {
  const kr = snapshot.keyResults.find((candidate) => candidate.id === krId);
  if (kr === undefined)
    throw new InputError(`write: key result "${krId}" does not exist; save the KR first.`);
  return kr;
}

/** The links of a KR with `link` saved: a link to the same objective is replaced where it stands. */
export function linksWith(links: readonly KrLink[], link: KrLink): KrLink[] {
  const at = links.findIndex((existing) => existing.objectiveId === link.objectiveId);
  if (at < 0) return [...links, link];
  const next = [...links];
  next[at] = link;
  return next;
}

export function linksWithout(links: readonly KrLink[], objectiveId: Id): KrLink[] {
  return links.filter((link) => link.objectiveId !== objectiveId);
}

/**
 * The snapshot after `write`. `settings-changed` leaves the snapshot as it is (settings are not
 * part of it).
 * @throws InputError for a link write on a KR that does not exist
 */
export function applyWrite(snapshot: Snapshot, write: Write): Snapshot {
  switch (write.kind) {
    case 'check-in-saved':
      return { ...snapshot, checkIns: upsertById(snapshot.checkIns, write.checkIn) };
    case 'check-in-removed':
      return { ...snapshot, checkIns: snapshot.checkIns.filter((c) => c.id !== write.checkInId) };
    case 'kr-saved':
      return { ...snapshot, keyResults: upsertById(snapshot.keyResults, write.keyResult) };
    case 'kr-removed':
      return {
        ...snapshot,
        keyResults: snapshot.keyResults.filter((kr) => kr.id !== write.krId),
        checkIns: snapshot.checkIns.filter((c) => c.krId !== write.krId),
        escalations: snapshot.escalations.filter((e) => e.krId !== write.krId),
      };
    case 'link-saved': {
      const kr = krOf(snapshot, write.krId);
      return applyWrite(snapshot, {
        kind: 'kr-saved',
        keyResult: { ...kr, links: linksWith(kr.links, write.link) },
      });
    }
    case 'link-removed': {
      const kr = krOf(snapshot, write.krId);
      const keyResult = { ...kr, links: linksWithout(kr.links, write.objectiveId) };
      return applyWrite(snapshot, { kind: 'kr-saved', keyResult });
    }
    case 'escalation-saved':
      return { ...snapshot, escalations: upsertById(snapshot.escalations, write.escalation) };
    case 'settings-changed':
      return snapshot;
    case 'snapshot-replaced':
      return write.snapshot;
  }
}
