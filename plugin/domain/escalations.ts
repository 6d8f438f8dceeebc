import { asOfMillis, daysBetween, utcMillis } from './dates.ts';
import type { Settings } from './settings.ts';
import type { Escalation } from './types.ts';

/** Fractional days from raising to resolving an escalation; null while unresolved. */
export function responseDays(e: Escalation): number | null {
  return e.resolvedAt === null ? null : daysBetween(e.raisedAt, e.resolvedAt);
}

/** Mean response days over the resolved escalations; null when none is resolved. */
export function averageResponseDays(es: Escalation[]): number | null {
  const days = es.map(responseDays).filter((d): d is number => d !== null);
  if (days.length === 0) return null;
  return days.reduce((sum, d) => sum + d, 0) / days.length;
}

/** True when `e` was resolved at or before `at`. */
export function isResolvedBy(e: Escalation, at: string): boolean {
  return e.resolvedAt !== null && utcMillis(e.resolvedAt) <= asOfMillis(at);
}

/**
 * An escalation is overdue when, as of `at`, it was raised, is still unresolved and has been open
 * longer than `alerts.escalationResponseTargetDays`.
 */
export function isOverdue(e: Escalation, settings: Settings, at: string): boolean {
  const atMillis = asOfMillis(at);
  const raisedMillis = utcMillis(e.raisedAt);
  if (raisedMillis > atMillis || isResolvedBy(e, at)) return false;
  return (
    daysBetween(e.raisedAt, new Date(atMillis).toISOString()) > settings.alerts.escalationResponseTargetDays
  );
}
