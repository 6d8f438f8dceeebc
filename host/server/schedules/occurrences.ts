import type { ScheduleDocument } from './schedule-document.ts';
import { addDays, localParts, previousMonth, weekday, zonedInstant } from './zoned-time.ts';

export type ScheduleId =
  | 'calibration-reminder'
  | 'calibration-follow-up'
  | 'daily-alerts'
  | 'peer-review-open'
  | 'peer-review-close'
  | 'kickoff'
  | 'monthly-report';

export const SCHEDULE_IDS: readonly ScheduleId[] = [
  'calibration-reminder',
  'calibration-follow-up',
  'daily-alerts',
  'peer-review-open',
  'peer-review-close',
  'kickoff',
  'monthly-report',
];

/** One firing of a schedule. `occurrence` names it uniquely within its schedule (part of every idempotency key). */
export interface Occurrence {
  scheduleId: ScheduleId;
  occurrence: string;
  /** When it was due, ISO instant. */
  scheduledAt: string;
  /** Local date it fires on, `YYYY-MM-DD`. */
  localDate: string;
  /** What it is about: the month to check in or report (`YYYY-MM`), the quarter (`YYYY-Qn`), the kickoff date. */
  about: string;
  /** Kickoff: days left until the kickoff. */
  daysBefore?: number;
}

/** True when `date` is a working day: Monday–Friday and not a holiday, or a listed make-up working day. */
export function isWorkingDay(date: string, doc: ScheduleDocument): boolean {
  if (doc.monthlyReport.extraWorkdays.includes(date)) return true;
  const day = weekday(date);
  return day !== 0 && day !== 6 && !doc.monthlyReport.holidays.includes(date);
}

/** First working day of `YYYY-MM`. */
export function firstWorkingDay(month: string, doc: ScheduleDocument): string {
  let date = `${month}-01`;
  while (!isWorkingDay(date, doc) && date.startsWith(month)) date = addDays(date, 1);
  return date;
}

/** Occurrences whose local date is `date`, regardless of the time of day. */
export function occurrencesOn(date: string, doc: ScheduleDocument): Occurrence[] {
  const out: Occurrence[] = [];
  const month = date.slice(0, 7);
  const year = Number(date.slice(0, 4));
  const mmdd = date.slice(5);
  const at = (time: string) => zonedInstant(date, time, doc.timeZone).toISOString();
  const add = (
    scheduleId: ScheduleId,
    occurrence: string,
    time: string,
    about: string,
    extra: Partial<Occurrence> = {},
  ) => out.push({ scheduleId, occurrence, scheduledAt: at(time), localDate: date, about, ...extra });

  const cal = doc.calibrationReminder;
  if (cal.enabled) {
    const reminderDate = `${month}-${String(cal.dayOfMonth).padStart(2, '0')}`;
    if (date === reminderDate) add('calibration-reminder', month, cal.time, previousMonth(month));
    if (date === addDays(reminderDate, cal.managerFollowUpDays))
      add('calibration-follow-up', month, cal.time, previousMonth(month));
  }
  if (doc.dailyAlerts.enabled) add('daily-alerts', date, doc.dailyAlerts.time, date);

  if (doc.peerReview.enabled) {
    for (const q of [1, 2, 3, 4] as const) {
      const w = doc.peerReview.windows[`q${q}`];
      if (mmdd === w.opensOn) add('peer-review-open', `${year}-Q${q}`, doc.peerReview.time, `${year}-Q${q}`);
      if (mmdd === w.closesOn) {
        const quarterYear = w.closesOn < w.opensOn ? year - 1 : year;
        add('peer-review-close', `${quarterYear}-Q${q}`, doc.peerReview.time, `${quarterYear}-Q${q}`);
      }
    }
  }

  if (doc.kickoff.enabled) {
    for (const y of [year, year + 1]) {
      for (const m of doc.kickoff.months) {
        const kickoff = `${y}-${String(m).padStart(2, '0')}-01`;
        for (const n of doc.kickoff.daysBefore) {
          if (addDays(kickoff, -n) === date)
            add('kickoff', `${kickoff}:${n}`, doc.kickoff.time, kickoff, { daysBefore: n });
        }
      }
    }
  }

  if (doc.monthlyReport.enabled && date === firstWorkingDay(month, doc)) {
    add('monthly-report', month, doc.monthlyReport.time, previousMonth(month));
  }
  return out;
}

/**
 * Occurrences due at `now`: their time has come and passed less than `catchUpHours` ago. Running this
 * every few minutes finds each occurrence many times; the delivery keys make that harmless.
 */
export function dueOccurrences(doc: ScheduleDocument, now: Date): Occurrence[] {
  const today = localParts(now, doc.timeZone).date;
  const windowMs = doc.catchUpHours * 60 * 60 * 1000;
  const out: Occurrence[] = [];
  for (let back = Math.ceil(doc.catchUpHours / 24) + 1; back >= 0; back -= 1) {
    for (const o of occurrencesOn(addDays(today, -back), doc)) {
      const due = Date.parse(o.scheduledAt);
      if (due <= now.getTime() && now.getTime() < due + windowMs) out.push(o);
    }
  }
  return out;
}
