import { utcMillis } from '../../../../plugin/domain/dates.ts';
import type { Escalation } from '../../../../plugin/domain/types.ts';

const MS_PER_DAY = 86_400_000;

/**
 * Whole days an escalation has waited: from raising to resolving, or to `now` while it is open. Counted
 * on the clock, not on the calendar of the cycle being viewed, so an escalation raised in one month and
 * still open in the next keeps counting (never 0, never negative).
 */
export function waitingDays(e: Pick<Escalation, 'raisedAt' | 'resolvedAt'>, now: string): number {
  const end = utcMillis(e.resolvedAt ?? now);
  return Math.max(0, Math.floor((end - utcMillis(e.raisedAt)) / MS_PER_DAY));
}
