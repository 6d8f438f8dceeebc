import { addMonths } from '../../../plugin/domain/dates.ts';
import type { Id } from '../../../plugin/domain/types.ts';
import type { RuleEvent } from './engine.ts';

/** One recipient's digest of a month: the KRs whose escalation streak goes on. */
export interface StreakDigest {
  personId: Id;
  month: string;
  krIds: Id[];
}

const keyOf = (krId: string | undefined, month: string | undefined) => `${krId ?? ''}|${month ?? ''}`;

/**
 * Splits new events so a streak that lasts is told once: an `escalate` event whose KR also escalated
 * the month before (in this evaluation) continues a streak and goes into a monthly digest; every other
 * event is told on its own, as before.
 */
export function splitStreaks(
  fresh: RuleEvent[],
  all: RuleEvent[],
): { single: RuleEvent[]; continued: RuleEvent[] } {
  const escalated = new Set(
    all.filter((e) => e.type === 'escalate').map((e) => keyOf(e.subject.krId, e.subject.month)),
  );
  const single: RuleEvent[] = [];
  const continued: RuleEvent[] = [];
  for (const e of fresh) {
    const { krId, month } = e.subject;
    const goesOn = e.type === 'escalate' && krId && month && escalated.has(keyOf(krId, addMonths(month, -1)));
    (goesOn ? continued : single).push(e);
  }
  return { single, continued };
}

/** The continued streaks grouped per recipient and month (one digest each, "3 个 KR 连续黄灯"). */
export function streakDigests(continued: RuleEvent[], recipientsOf: (e: RuleEvent) => Id[]): StreakDigest[] {
  const byKey = new Map<string, StreakDigest>();
  for (const e of continued) {
    const month = e.subject.month ?? '';
    for (const personId of recipientsOf(e)) {
      const key = `${personId}|${month}`;
      const digest = byKey.get(key) ?? { personId, month, krIds: [] };
      if (e.subject.krId && !digest.krIds.includes(e.subject.krId)) digest.krIds.push(e.subject.krId);
      byKey.set(key, digest);
    }
  }
  return [...byKey.values()];
}
