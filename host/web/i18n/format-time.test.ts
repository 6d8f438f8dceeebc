import { formatDateTime, formatRelative } from './format-time.ts';

const ZONE = process.env.TZ;
afterEach(() => {
  if (ZONE === undefined) delete process.env.TZ;
  else process.env.TZ = ZONE;
});

describe('formatDateTime', () => {
  it("shows the reader's own time zone, not UTC", () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(formatDateTime('2026-12-03T06:30:00.000Z', 'zh-CN')).toBe('2026/12/03 14:30');
    process.env.TZ = 'America/New_York';
    expect(formatDateTime('2026-12-03T06:30:00.000Z', 'zh-CN')).toBe('2026/12/03 01:30');
  });

  it("writes the UI language's format", () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(formatDateTime('2026-12-03T06:30:00.000Z', 'en-US')).toBe('12/03/2026 2:30 PM');
  });

  it('leaves the global dayjs locale alone', async () => {
    const { default: dayjs } = await import('dayjs');
    const before = dayjs.locale();
    formatDateTime('2026-12-03T06:30:00.000Z', 'zh-CN');
    expect(dayjs.locale()).toBe(before);
  });
});

describe('formatRelative', () => {
  it('says how long ago in the UI language', () => {
    const now = '2026-12-03T09:30:00.000Z';
    expect(formatRelative('2026-12-03T06:30:00.000Z', 'zh-CN', now)).toBe('3 小时前');
    expect(formatRelative('2026-12-03T06:30:00.000Z', 'en-US', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-30T09:30:00.000Z', 'zh-CN', now)).toBe('3 天前');
  });
});
