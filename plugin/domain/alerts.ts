import { asOfMillis, daysBetween, utcMillis } from './dates.ts';
import { lifetimeStart } from './kr-lifetime.ts';
import type { Settings } from './settings.ts';
import type { CheckIn, Cycle, IsoDateTime, KeyAccount, KeyResult } from './types.ts';

/** Days from the account's last contact to `at`; null when it was never contacted. Never negative. */
export function daysSinceContact(account: KeyAccount, at: string): number | null {
  if (account.lastContactAt === null) return null;
  return Math.max(0, daysBetween(account.lastContactAt, at));
}

/**
 * A key account goes unattended once more than `alerts.keyClientGapDays` days passed since the last
 * contact, or when it was never contacted.
 */
export function hasKeyClientGap(account: KeyAccount, settings: Settings, at: string): boolean {
  const days = daysSinceContact(account, at);
  return days === null || days > settings.alerts.keyClientGapDays;
}

/**
 * The newest update of a KR: a check-in submitted or a target revised. With `at`, updates after it
 * are left out. Null when there is none.
 */
export function lastUpdate(kr: KeyResult, checkIns: CheckIn[], at?: string): IsoDateTime | null {
  const limit = at === undefined ? Number.POSITIVE_INFINITY : asOfMillis(at);
  let latest: IsoDateTime | null = null;
  let latestMillis = Number.NEGATIVE_INFINITY;
  const consider = (instant: IsoDateTime) => {
    const millis = utcMillis(instant);
    if (millis <= limit && millis > latestMillis) {
      latest = instant;
      latestMillis = millis;
    }
  };
  for (const checkIn of checkIns) if (checkIn.krId === kr.id) consider(checkIn.submittedAt);
  for (const revision of kr.targetHistory) consider(revision.at);
  return latest;
}

/**
 * Days from the KR's last update by `at` to `at`; when never updated, from its creation (or the
 * cycle start, for a KR created before the cycle began).
 */
export function daysSinceUpdate(kr: KeyResult, checkIns: CheckIn[], cycle: Cycle, at: string): number {
  return Math.max(0, daysBetween(lastUpdate(kr, checkIns, at) ?? lifetimeStart(kr, cycle), at));
}

/** A KR is stale after its own update interval, or `alerts.krStaleDays` when it has none, without an update. */
export function isStale(
  kr: KeyResult,
  checkIns: CheckIn[],
  cycle: Cycle,
  settings: Settings,
  at: string,
): boolean {
  return daysSinceUpdate(kr, checkIns, cycle, at) > (kr.updateIntervalDays ?? settings.alerts.krStaleDays);
}
