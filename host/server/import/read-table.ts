import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One cell as read from a file, before any field parsing. */
export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  /** Row number as the user sees it in Excel (header is row 1). */
  rowNumber: number;
  cells: Cell[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export type FileFormat = 'xlsx' | 'csv';

/** The file itself cannot be read (as opposed to a bad row). */
export class ImportFileError extends Error {
  constructor(
    readonly code: 'unreadable' | 'empty' | 'duplicate-header' | 'too-many-rows' | 'encoding',
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Rows beyond this are refused: a month of CRM data for a sales team is far below it. */
export const MAX_ROWS = 50_000;

/** xlsx files are zip archives; anything else is read as delimited text. */
export function detectFormat(bytes: Uint8Array, fileName?: string): FileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (fileName && /\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

export async function readTable(bytes: Uint8Array, format: FileFormat, sheetName?: string): Promise<Table> {
  return format === 'xlsx' ? readXlsx(bytes, sheetName) : readCsv(bytes);
}

function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return cellOf(value.richText.map((r) => r.text).join(''));
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value)
    return cellOf(value.result as ExcelJS.CellValue | undefined);
  if ('text' in value) return cellOf(value.text);
  return null;
}

function headersOf(cells: Cell[]): string[] {
  const headers = cells.map((c) =>
    c instanceof Date ? c.toISOString() : c === null ? '' : String(c).trim(),
  );
  const seen = new Set<string>();
  for (const h of headers) {
    if (h === '') continue;
    if (seen.has(h)) {
      throw new ImportFileError(
        'duplicate-header',
        `import: column "${h}" appears twice in the header row; rename one of them and upload again`,
      );
    }
    seen.add(h);
  }
  return headers;
}

function finish(headers: string[], rows: TableRow[]): Table {
  if (headers.every((h) => h === '')) {
    throw new ImportFileError(
      'empty',
      'import: the file has no header row; put the column names in the first row',
    );
  }
  const data = rows.filter((r) => r.cells.some((c) => c !== null));
  if (data.length > MAX_ROWS) {
    throw new ImportFileError(
      'too-many-rows',
      `import: ${data.length} rows is more than ${MAX_ROWS}; split the file`,
    );
  }
  return { headers, rows: data };
}

async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    throw new ImportFileError(
      'unreadable',
      `import: not a readable .xlsx file (${(e as Error).message}); save it again from Excel`,
    );
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    throw new ImportFileError(
      'empty',
      sheetName
        ? `import: no sheet named "${sheetName}" in the workbook`
        : 'import: the workbook has no sheet',
    );
  }
  const width = sheet.columnCount;
  const rowCells = (row: ExcelJS.Row): Cell[] => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    return cells;
  };
  const headers = headersOf(rowCells(sheet.getRow(1)));
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > 1) rows.push({ rowNumber, cells: rowCells(row) });
  });
  return finish(headers, rows);
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as older Chinese Excel saves CSV. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError(
        'encoding',
        'import: the CSV is neither UTF-8 nor GB18030; save it as "CSV UTF-8"',
      );
    }
  }
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw new ImportFileError('unreadable', `import: the CSV cannot be parsed (${(e as Error).message})`);
  }
  const [head, ...body] = records;
  if (!head)
    throw new ImportFileError('empty', 'import: the file is empty; put the column names in the first row');
  const headers = headersOf(head.map((h) => (h === '' ? null : h)));
  const rows = body.map((r, i) => ({ rowNumber: i + 2, cells: r.map((c) => (c === '' ? null : c)) }));
  return finish(headers, rows);
}
