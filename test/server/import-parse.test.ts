import { parseCount, parseDate, parseMoney, parseMonth } from '../../host/server/import/parse-cell.ts';
import { ImportFileError, readTable } from '../../host/server/import/read-table.ts';

describe('cell parsing', () => {
  it.each([
    ['12.34', 'yuan', 1234],
    ['¥1,234.5', 'yuan', 123_450],
    ['12.340', 'yuan', 1234],
    [12.34, 'yuan', 1234],
    [0.07, 'yuan', 7],
    ['1234', 'cents', 1234],
    [99, 'cents', 99],
  ] as const)('money %s in %s → %d cents', (cell, unit, cents) => {
    expect(parseMoney(cell, unit)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['1.005', 'yuan', 'fraction-of-cent'],
    [1.005, 'yuan', 'fraction-of-cent'],
    ['-3', 'yuan', 'out-of-range'],
    ['abc', 'yuan', 'not-money'],
    ['12.5', 'cents', 'fraction-of-cent'],
    [true, 'yuan', 'not-money'],
  ] as const)('money %s in %s is refused: %s', (cell, unit, reason) => {
    expect(parseMoney(cell, unit)).toEqual({ ok: false, reason });
  });

  it('reads counts', () => {
    expect(parseCount('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseCount(3)).toEqual({ ok: true, value: 3 });
    expect(parseCount('2.5')).toEqual({ ok: false, reason: 'not-a-count' });
    expect(parseCount(-1)).toEqual({ ok: false, reason: 'out-of-range' });
  });

  it('reads months and dates in the usual spellings, refusing the future and impossible days', () => {
    for (const m of ['2026-03', '2026/3', '2026.03', '2026年3月', new Date(Date.UTC(2026, 2, 1))]) {
      expect(parseMonth(m, '2026-06')).toEqual({ ok: true, value: '2026-03' });
    }
    expect(parseMonth('2026-07', '2026-06')).toEqual({ ok: false, reason: 'month-in-future' });
    expect(parseMonth('2026-00', '2026-06')).toEqual({ ok: false, reason: 'month-format' });
    expect(parseMonth('March', '2026-06')).toEqual({ ok: false, reason: 'month-format' });
    expect(parseMonth(202603, '2026-06')).toEqual({ ok: false, reason: 'month-format' });
    expect(parseDate('2026年2月28日', '2026-06-30')).toEqual({ ok: true, value: '2026-02-28' });
    expect(parseDate('2026-02-29', '2026-06-30')).toEqual({ ok: false, reason: 'date-format' });
    expect(parseDate('2026-07-01', '2026-06-30')).toEqual({ ok: false, reason: 'date-in-future' });
  });
});

describe('readTable', () => {
  it('reads a GB18030 CSV (older Chinese Excel) and semicolon-separated files', async () => {
    const gb = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x61, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31]); // 姓名,a \n 张三,1
    expect(await readTable(gb, 'csv')).toEqual({
      headers: ['姓名', 'a'],
      rows: [{ rowNumber: 2, cells: ['张三', '1'] }],
    });
    const semi = new TextEncoder().encode('a;b\n1;2\n\n3;4');
    const t = await readTable(semi, 'csv');
    expect(t.rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [2, '1', '2'],
      [4, '3', '4'],
    ]);
  });

  it('refuses duplicate headers and unreadable workbooks', async () => {
    await expect(readTable(new TextEncoder().encode('a,a\n1,2'), 'csv')).rejects.toThrow(ImportFileError);
    await expect(readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'xlsx')).rejects.toThrow(
      /not a readable .xlsx/,
    );
  });
});

describe('import words', () => {
  it('has every reason, mode and field in both locales', async () => {
    const { ROW_ISSUE_REASONS } = await import('../../host/server/import/parse-cell.ts');
    const { ACTIVITY_FIELDS, KEY_ACCOUNT_FIELDS } = await import('../../plugin/app/import-fields.ts');
    const { IMPORT_MODES } = await import('../../host/server/import/run-import.ts');
    const keys = [
      ...ROW_ISSUE_REASONS.map((r) => `import.reason.${r}`),
      ...IMPORT_MODES.map((m) => `import.mode.${m}`),
      ...Object.keys(ACTIVITY_FIELDS).map((f) => `import.field.activities.${f}`),
      ...Object.keys(KEY_ACCOUNT_FIELDS).map((f) => `import.field.keyAccounts.${f}`),
    ];
    for (const locale of ['zh-CN', 'en-US']) {
      const words = (
        await import(`../../host/server/import/locale/${locale}.json`, { with: { type: 'json' } })
      ).default;
      expect(keys.filter((k) => typeof words[k] !== 'string')).toEqual([]);
    }
  });
});
