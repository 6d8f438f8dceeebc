import {
  ByteBudget,
  cellTooLong,
  checkCellLength,
  columnIndexOf,
  columnLetters,
  ImportFileError,
  MAX_CELL_CHARS,
  MAX_SHARED_STRINGS_BYTES,
  MAX_UNZIPPED_BYTES,
  RowCounter,
} from './import-limits.ts';
import { type Cell, headersOf, keeperOf, type ReadOptions, type Table, type TableRow } from './table.ts';
import { attribute, walkXml } from './xml-walk.ts';
import { ZipParts } from './zip-parts.ts';

const damaged = (why: string) =>
  new ImportFileError('unreadable', `import: not a readable .xlsx file (${why}); save it again from Excel`);

/** Excel's largest column (XFD). */
const MAX_COLUMNS = 16_384;

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the CJK ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** As exceljs decides it: any of y m d h s b left once quoted text and [brackets] are removed. */
const isDateFormat = (code: string) =>
  /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/**
 * Reads one sheet of an .xlsx as a stream: shared strings first (bounded), then the sheet row by
 * row, stopping at the first row or cell over the limits. Only the `columns` asked for are kept.
 */
export async function readXlsx(source: string | Uint8Array, options: ReadOptions): Promise<Table> {
  const zip = await ZipParts.open(source, options.looksLikeZip ?? true);
  try {
    const budget = new ByteBudget(MAX_UNZIPPED_BYTES);
    const sheets = await readSheetList(zip, budget);
    const sheet = options.sheet ? sheets.find((s) => s.name === options.sheet) : sheets[0];
    if (!sheet) {
      throw new ImportFileError(
        'empty',
        options.sheet
          ? `import: no sheet named "${options.sheet}" in the workbook (sheets: ${sheets.map((s) => s.name).join(', ')})`
          : 'import: the workbook has no sheet',
      );
    }
    const dateStyles = zip.has('xl/styles.xml') ? await readDateStyles(zip, budget) : new Set<number>();
    const strings = zip.has('xl/sharedStrings.xml') ? await readSharedStrings(zip, budget) : [];
    if (!zip.has(sheet.path)) throw new ImportFileError('empty', `import: sheet "${sheet.name}" has no data`);
    return await readSheet(
      zip,
      budget,
      sheet.path,
      { strings, dateStyles, date1904: sheet.date1904 },
      options,
    );
  } finally {
    zip.close();
  }
}

interface SheetRef {
  name: string;
  path: string;
  date1904: boolean;
}

async function readSheetList(zip: ZipParts, budget: ByteBudget): Promise<SheetRef[]> {
  const targets = new Map<string, string>();
  const relsPath = 'xl/_rels/workbook.xml.rels';
  if (zip.has(relsPath)) {
    await walkXml(relsPath, zip.read(relsPath, budget), {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
      },
    });
  }
  const sheets: { name: string; rId: string }[] = [];
  let date1904 = false;
  await walkXml('xl/workbook.xml', zip.read('xl/workbook.xml', budget), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') sheets.push({ name: a.name ?? '', rId: attribute(a, 'id') ?? '' });
    },
  });
  return sheets.map((s, i) => {
    const target = targets.get(s.rId) ?? `worksheets/sheet${i + 1}.xml`;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    return { name: s.name, path, date1904 };
  });
}

/** Indexes of the cell formats (`s` of a cell) that show a date. */
async function readDateStyles(zip: ZipParts, budget: ByteBudget): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await walkXml('xl/styles.xml', zip.read('xl/styles.xml', budget), {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) dates.add(index);
  });
  return dates;
}

/** The shared texts; a rich text is its runs joined, phonetic hints (`rPh`) left out. */
async function readSharedStrings(zip: ZipParts, budget: ByteBudget): Promise<string[]> {
  const part = 'xl/sharedStrings.xml';
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await walkXml(part, zip.read(part, budget, new ByteBudget(MAX_SHARED_STRINGS_BYTES)), {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current ?? '');
        current = null;
      } else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(t) {
      if (!inText || current === null) return;
      current += t;
      if (current.length > MAX_CELL_CHARS) throw cellTooLong(`shared text ${strings.length + 1}`);
    },
  });
  return strings;
}

interface CellContext {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const textCell = (t: string): Cell => (t.trim() === '' ? null : t.trim());

function cellValue(type: string, raw: string, style: number, ctx: CellContext): Cell {
  switch (type) {
    case 's': {
      const s = ctx.strings[Number(raw)];
      return s === undefined ? null : textCell(s);
    }
    case 'inlineStr':
    case 'str':
    case 'e':
      return textCell(raw);
    case 'b':
      return raw === '' ? null : raw === '1' || raw === 'true';
    case 'd': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? textCell(raw) : d;
    }
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return textCell(raw);
      return ctx.dateStyles.has(style) ? excelDate(n, ctx.date1904) : n;
    }
  }
}

async function readSheet(
  zip: ZipParts,
  budget: ByteBudget,
  path: string,
  ctx: CellContext,
  options: ReadOptions,
): Promise<Table> {
  const counter = new RowCounter();
  const rows: TableRow[] = [];
  let headers: string[] | null = null;
  let keep: (index: number) => boolean = () => true;
  const takeHeader = (cells: Cell[]) => {
    headers = headersOf(cells);
    keep = keeperOf(headers, options.columns);
  };
  let row: { number: number; cells: Cell[]; hasValue: boolean } | null = null;
  let lastRow = 0;
  let cell: { col: number; ref: string; type: string; style: number } | null = null;
  let nextCol = 0;
  let raw = '';
  let collecting = false;
  let inPhonetic = false;

  await walkXml(path, zip.read(path, budget), {
    open(name, a) {
      if (name === 'row') {
        const number = a.r ? Number(a.r) : lastRow + 1;
        if (!Number.isInteger(number) || number <= lastRow) throw damaged(`row ${a.r} out of order`);
        lastRow = number;
        if (number > 1 && headers === null) takeHeader([]);
        row = { number, cells: [], hasValue: false };
        nextCol = 0;
      } else if (name === 'c' && row) {
        const ref = a.r ?? '';
        const col = ref ? columnIndexOf(ref) : nextCol;
        if (col < 0 || col >= MAX_COLUMNS) throw damaged(`cell "${ref}"`);
        cell = {
          col,
          ref: ref || `${columnLetters(col)}${row.number}`,
          type: a.t ?? 'n',
          style: Number(a.s ?? 0),
        };
        raw = '';
      } else if (cell && (name === 'v' || (name === 't' && !inPhonetic))) {
        collecting = true;
      } else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (!collecting || !cell) return;
      raw += t;
      if (raw.length > MAX_CELL_CHARS) throw cellTooLong(`cell ${cell.ref}`);
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && cell && row) {
        const value = cellValue(cell.type, raw, cell.style, ctx);
        if (typeof value === 'string') checkCellLength(value, `cell ${cell.ref}`);
        nextCol = cell.col + 1;
        if (value !== null) row.hasValue = true;
        if (row.number === 1 || keep(cell.col)) row.cells[cell.col] = value;
        cell = null;
      } else if (name === 'row' && row) {
        if (row.number === 1) takeHeader(row.cells);
        else if (row.hasValue) {
          counter.add();
          rows.push({ rowNumber: row.number, cells: row.cells });
        }
        row = null;
      }
    },
  });
  if (headers === null) takeHeader([]);
  return { headers: headers ?? [], rows };
}
