import { dueOccurrences, firstWorkingDay, occurrencesOn } from '../../host/server/schedules/occurrences.ts';
import {
  defaultScheduleDocument,
  loadScheduleDocument,
  ScheduleDocumentError,
} from '../../host/server/schedules/schedule-document.ts';
import { localParts, zonedInstant } from '../../host/server/schedules/zoned-time.ts';

const doc = defaultScheduleDocument();
const ids = (date: string) => occurrencesOn(date, doc).map((o) => `${o.scheduleId}:${o.occurrence}`);

describe('schedule document', () => {
  it('accepts the shipped defaults with the Shanghai time zone', () => {
    expect(doc.timeZone).toBe('Asia/Shanghai');
  });

  it('names every bad field', () => {
    const bad = structuredClone(doc);
    bad.calibrationReminder.time = '25:00';
    Object.assign(bad.dailyAlerts, { extra: true });
    try {
      loadScheduleDocument(bad, 'test');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScheduleDocumentError);
      const paths = (err as ScheduleDocumentError).issues.map((i) => i.path);
      expect(paths).toContain('/calibrationReminder/time');
      expect(paths).toContain('/dailyAlerts');
    }
  });

  it('refuses an unknown time zone', () => {
    expect(() => loadScheduleDocument({ ...doc, timeZone: 'Mars/Olympus' }, 'test')).toThrow(/IANA/);
  });
});

describe('zoned time', () => {
  it('reads 09:00 in Shanghai as 01:00 UTC', () => {
    expect(zonedInstant('2026-07-01', '09:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-07-01T01:00:00.000Z',
    );
    expect(localParts(new Date('2026-06-30T17:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-07-01',
      time: '01:30',
    });
  });
});

describe('occurrences', () => {
  it('reminds reps on the reminder day and their managers two days later, about last month', () => {
    const first = occurrencesOn('2026-07-01', doc).find((o) => o.scheduleId === 'calibration-reminder');
    expect(first).toMatchObject({
      occurrence: '2026-07',
      about: '2026-06',
      scheduledAt: '2026-07-01T01:00:00.000Z',
    });
    expect(ids('2026-07-03')).toContain('calibration-follow-up:2026-07');
    expect(ids('2026-07-02')).not.toContain('calibration-follow-up:2026-07');
  });

  it('runs the daily alerts every day', () => {
    expect(ids('2026-06-14')).toContain('daily-alerts:2026-06-14');
  });

  it('opens and closes the peer-review window; a Q4 window closes in the next year', () => {
    expect(ids('2026-06-20')).toContain('peer-review-open:2026-Q2');
    expect(ids('2026-07-05')).toContain('peer-review-close:2026-Q2');
    expect(ids('2027-01-05')).toContain('peer-review-close:2026-Q4');
  });

  it('reminds before each kickoff', () => {
    expect(ids('2026-06-24')).toContain('kickoff:2026-07-01:7');
    expect(ids('2026-12-31')).toContain('kickoff:2027-01-01:1');
  });

  it('generates the report on the first working day, skipping weekends and holidays', () => {
    // 2026-08-01 is a Saturday.
    expect(firstWorkingDay('2026-08', doc)).toBe('2026-08-03');
    const withHoliday = {
      ...doc,
      monthlyReport: { ...doc.monthlyReport, holidays: ['2026-10-01', '2026-10-02'] },
    };
    expect(firstWorkingDay('2026-10', withHoliday)).toBe('2026-10-05');
    const withMakeUp = { ...doc, monthlyReport: { ...doc.monthlyReport, extraWorkdays: ['2026-08-01'] } };
    expect(firstWorkingDay('2026-08', withMakeUp)).toBe('2026-08-01');
    expect(ids('2026-08-03')).toContain('monthly-report:2026-08');
  });

  it('is due from its time until the catch-up window ends', () => {
    const due = (iso: string) => dueOccurrences(doc, new Date(iso)).map((o) => o.scheduleId);
    expect(due('2026-07-01T00:59:00Z')).not.toContain('calibration-reminder');
    expect(due('2026-07-01T01:00:00Z')).toContain('calibration-reminder');
    expect(due('2026-07-01T12:59:00Z')).toContain('calibration-reminder');
    expect(due('2026-07-01T13:00:00Z')).not.toContain('calibration-reminder');
  });

  it('skips a disabled schedule', () => {
    const off = { ...doc, dailyAlerts: { ...doc.dailyAlerts, enabled: false } };
    expect(occurrencesOn('2026-06-14', off).map((o) => o.scheduleId)).not.toContain('daily-alerts');
  });
});
