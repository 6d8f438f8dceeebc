import ExcelJS from 'exceljs';
import { ImportAdmission, ImportBusyError } from '../../host/server/import/import-admission.ts';
import {
  ByteBudget,
  columnIndexOf,
  columnLetters,
  ImportFileError,
  MAX_CELL_CHARS,
  MAX_ROWS,
  MAX_XML_TAG_BYTES,
  MAX_XML_TEXT_BYTES,
  RowCounter,
} from '../../host/server/import/import-limits.ts';
import { detectFormat, readTable } from '../../host/server/import/read-table.ts';
import { XmlGuard } from '../../host/server/import/xml-guard.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof ImportFileError ? e.code : `other: ${(e as Error).message}`;
  }
};

async function xlsx(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the counters', () => {
  it('a byte budget fails on the first byte past it', () => {
    const b = new ByteBudget(10);
    b.spend(10);
    expect(() => b.spend(1)).toThrow(expect.objectContaining({ code: 'file-too-large', limit: 10 }));
  });

  it('a row counter fails on the row past the limit', () => {
    const c = new RowCounter(2);
    c.add();
    c.add();
    expect(() => c.add()).toThrow(expect.objectContaining({ code: 'too-many-rows' }));
  });

  it('reads and writes column letters', () => {
    expect(['A1', 'Z9', 'AA3', 'XFD1'].map(columnIndexOf)).toEqual([0, 25, 26, 16383]);
    expect([0, 25, 26, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'XFD']);
  });
});

describe('the XML guard (before the XML parser holds a node whole)', () => {
  const feed = (guard: XmlGuard, chunks: string[]) => {
    for (const c of chunks) guard.check(bytes(c));
  };

  it('lets a cell of Excel’s largest size through, split over chunks', () => {
    const text = 'x'.repeat(MAX_XML_TEXT_BYTES);
    expect(() =>
      feed(new XmlGuard('p'), ['<t>', text.slice(0, 1000), text.slice(1000), '</t>']),
    ).not.toThrow();
  });

  it('stops a text run one byte past the limit, however it is chunked', () => {
    const guard = new XmlGuard('xl/sharedStrings.xml');
    guard.check(bytes('<si><t>'));
    for (let i = 0; i < Math.floor(MAX_XML_TEXT_BYTES / 4096); i++)
      guard.check(new Uint8Array(4096).fill(0x78));
    expect(() => guard.check(bytes('x'.repeat(4096)))).toThrow(
      expect.objectContaining({
        code: 'cell-too-long',
        message: expect.stringContaining('xl/sharedStrings.xml'),
      }),
    );
  });

  it('stops a giant tag (attributes) and a giant CDATA section or comment', () => {
    expect(() => feed(new XmlGuard('p'), [`<c r="${'A'.repeat(MAX_XML_TAG_BYTES)}"`])).toThrow(
      expect.objectContaining({ code: 'unreadable' }),
    );
    expect(() => feed(new XmlGuard('p'), ['<t><![CDATA[', '<>'.repeat(MAX_XML_TEXT_BYTES)])).toThrow(
      expect.objectContaining({ code: 'cell-too-long' }),
    );
    expect(() => feed(new XmlGuard('p'), ['<!--', '>'.repeat(MAX_XML_TAG_BYTES + 1)])).toThrow(
      expect.objectContaining({ code: 'unreadable' }),
    );
  });

  it('counts again after a tag ends, so many normal cells pass', () => {
    const guard = new XmlGuard('p');
    for (let i = 0; i < 1000; i++) guard.check(bytes(`<c r="A${i}"><v>${'9'.repeat(1000)}</v></c>`));
  });

  it('refuses a DTD (entity expansion)', () => {
    expect(() =>
      feed(new XmlGuard('p'), ['<?xml version="1.0"?><!DOC', 'TYPE x [<!ENTITY a "b">]>']),
    ).toThrow(/DTD/);
  });
});

describe('reading a file within the limits', () => {
  it('tells .xlsx and .csv apart and refuses anything else', () => {
    expect(detectFormat(bytes('PK\u0003\u0004'), 'a.csv')).toBe('xlsx');
    expect(detectFormat(bytes('a,b'), 'a.CSV')).toBe('csv');
    expect(detectFormat(bytes('a,b'))).toBe('csv');
    expect(detectFormat(bytes('a,b'), 'a.xlsx')).toBe('xlsx');
    expect(() => detectFormat(bytes('a,b'), 'notes.txt')).toThrow(
      expect.objectContaining({ code: 'not-a-workbook' }),
    );
    expect(() => detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls')).toThrow(/\.xls/);
  });

  it('refuses random bytes, as .xlsx or as .csv, as not a workbook', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(await codeOf(readTable(random, undefined, { fileName: 'a.xlsx' }))).toBe('not-a-workbook');
    expect(await codeOf(readTable(random, undefined, { fileName: 'a.csv' }))).toBe('not-a-workbook');
    expect(await codeOf(readTable(await xlsx([['a']]), 'xlsx'))).toBe('accepted');
  });

  it('stops a CSV at the first row past the limit and at a too-long cell', async () => {
    const rows = (n: number) => bytes(`a,b\n${'1,2\n'.repeat(n)}`);
    expect((await readTable(rows(MAX_ROWS), 'csv')).rows).toHaveLength(MAX_ROWS);
    expect(await codeOf(readTable(rows(MAX_ROWS + 1), 'csv'))).toBe('too-many-rows');
    // Blank lines are not rows.
    expect((await readTable(bytes(`a,b\n${'\n'.repeat(MAX_ROWS + 5)}1,2`), 'csv')).rows).toHaveLength(1);
    expect(await codeOf(readTable(bytes(`a,b\n1,${'x'.repeat(MAX_CELL_CHARS + 1)}`), 'csv'))).toBe(
      'cell-too-long',
    );
    expect((await readTable(bytes(`a,b\n1,${'x'.repeat(MAX_CELL_CHARS)}`), 'csv')).rows).toHaveLength(1);
    expect(await codeOf(readTable(bytes(`a,b\n1,"${'x,'.repeat(2 ** 21)}"`), 'csv'))).toBe('cell-too-long');
  });

  it('stops an .xlsx at the first row past the limit and at a too-long cell', async () => {
    const many = await xlsx([['a'], ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => [i])]);
    expect(await codeOf(readTable(many, 'xlsx'))).toBe('too-many-rows');
    const long = await xlsx([['a'], ['x'.repeat(MAX_CELL_CHARS)]]);
    expect((await readTable(long, 'xlsx')).rows).toHaveLength(1);
    const tooLong = await xlsx([
      ['a'],
      [{ richText: [{ text: 'x'.repeat(MAX_CELL_CHARS) }, { text: 'y' }] }],
    ]);
    expect(await codeOf(readTable(tooLong, 'xlsx'))).toBe('cell-too-long');
  });

  it('reads dates, formulas, rich text, booleans and blank rows as exceljs writes them', async () => {
    const file = await xlsx(
      [
        ['name', 'month', 'n', 'ok'],
        [
          { richText: [{ text: '李' }, { text: '四' }] },
          new Date(Date.UTC(2026, 0, 1)),
          { formula: '1+1', result: 2 },
          true,
        ],
        [],
        ['  wang  ', '2026-03', 1.5, false],
      ],
      (ws) => {
        ws.getCell('B4').numFmt = 'yyyy-mm';
      },
    );
    const table = await readTable(file, 'xlsx');
    expect(table.headers).toEqual(['name', 'month', 'n', 'ok']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['李四', new Date(Date.UTC(2026, 0, 1)), 2, true] },
      { rowNumber: 4, cells: ['wang', '2026-03', 1.5, false] },
    ]);
  });

  it('keeps only the columns asked for, so a wide sheet costs no more than a narrow one', async () => {
    const wide = await xlsx(
      [
        ['a', 'b', 'c'],
        [1, 2, 3],
      ],
      (ws) => {
        ws.getCell('XFD1').value = 'far';
        ws.getCell('XFD2').value = 'away';
      },
    );
    const table = await readTable(wide, 'xlsx', { columns: ['c', 'far'] });
    expect(table.headers[2]).toBe('c');
    expect(table.headers).toHaveLength(16_384);
    expect(Object.keys(table.rows[0]?.cells ?? {})).toEqual(['2', '16383']);
  });
});

describe('admission of imports', () => {
  it('allows two per user and six overall, and gives a place back once', () => {
    const admission = new ImportAdmission(2, 3);
    const a1 = admission.admit('a');
    admission.admit('a');
    expect(() => admission.admit('a')).toThrow(expect.objectContaining({ scope: 'user', limit: 2 }));
    admission.admit('b');
    expect(() => admission.admit('c')).toThrow(expect.objectContaining({ scope: 'server', limit: 3 }));
    a1();
    a1();
    expect(admission.inFlight).toBe(2);
    expect(() => admission.admit('c')).not.toThrow();
    expect(() => admission.admit('a')).toThrow(ImportBusyError);
  });
});
