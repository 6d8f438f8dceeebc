import type { Id, IsoDateTime } from '../domain/types.ts';
import type { PresenceEntry } from '../sdk/index.ts';

/** Someone on a board as the board's clients see them. */
export interface PresenceMember {
  personId: Id;
  name: string;
  /** How this person is signed in: session cookie or kickoff QR token. */
  via: 'session' | 'qr';
  connections: number;
  since: IsoDateTime;
}

/** One connection (or, from another instance, several) of a person on a board. */
export interface PresenceSeen {
  personId: Id;
  name: string;
  since: IsoDateTime;
  /** Session when omitted: only the reference host's kickoff QR codes sign people in otherwise. */
  via?: 'session' | 'qr';
  /** 1 when omitted. */
  connections?: number;
}

/**
 * Who is on a board, one entry per person however many tabs, phones and instances: connections
 * add up, a session beats a QR token, and the person arrived with their first connection. Ordered by
 * arrival, then name, so every host lists the same board the same way.
 */
export function mergePresence(seen: Iterable<PresenceSeen>): PresenceMember[] {
  const byPerson = new Map<Id, PresenceMember>();
  for (const s of seen) {
    const via = s.via ?? 'session';
    const connections = s.connections ?? 1;
    const m = byPerson.get(s.personId);
    if (!m) {
      byPerson.set(s.personId, { personId: s.personId, name: s.name, via, connections, since: s.since });
      continue;
    }
    m.connections += connections;
    if (via === 'session') m.via = 'session';
    if (s.since < m.since) m.since = s.since;
  }
  return [...byPerson.values()].sort(
    (a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name),
  );
}

/** The sdk's `PresenceEntry` of a member (what `RealtimePort.presence` answers). */
export const presenceEntry = ({ personId, name, since }: PresenceMember): PresenceEntry => ({
  personId,
  name,
  since,
});
