/**
 * What one import may hold, enforced while the file is read so that no input, however built, makes
 * the server hold more than these bounds (a zip bomb stops at the byte budget, not after inflating).
 */

/** Largest upload accepted (a year of CRM rows for a sales team is far below). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Data rows beyond this are refused: a month of CRM data for a sales team is far below it. */
export const MAX_ROWS = 50_000;

/** Excel's own limit for one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Bytes an .xlsx may unpack to, all parts together (a 50,000-row sheet is about 20 MB). */
export const MAX_UNZIPPED_BYTES = 160 * 1024 * 1024;

/** Shared strings are held in memory while the sheet is read, so they get a smaller budget. */
export const MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024;

/** Parts in one .xlsx; Excel writes a dozen or so. */
export const MAX_ZIP_ENTRIES = 2_000;

/** One XML text run: a cell of MAX_CELL_CHARS written with the longest escapes (`&#x10FFFF;`). */
export const MAX_XML_TEXT_BYTES = MAX_CELL_CHARS * 10;

/** One XML tag with its attributes. */
export const MAX_XML_TAG_BYTES = 64 * 1024;

export type ImportFileErrorCode =
  | 'not-a-workbook'
  | 'unreadable'
  | 'empty'
  | 'duplicate-header'
  | 'too-many-rows'
  | 'cell-too-long'
  | 'file-too-large'
  | 'encoding';

/** The file itself cannot be imported (as opposed to a bad row). */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    /** The limit the file broke (rows, characters or bytes), when it broke one. */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const tooManyRows = () =>
  new ImportFileError('too-many-rows', `import: the file has more than ${MAX_ROWS} rows; split it`, MAX_ROWS);

/** `where` says where the cell is, e.g. "cell C7" or "a shared text". */
export const cellTooLong = (where: string) =>
  new ImportFileError(
    'cell-too-long',
    `import: ${where} is longer than ${MAX_CELL_CHARS} characters (Excel's limit); shorten it`,
    MAX_CELL_CHARS,
  );

export const unzipsTooLarge = (limit: number) =>
  new ImportFileError(
    'file-too-large',
    `import: the workbook unpacks to more than ${Math.round(limit / 2 ** 20)} MB; split it or save it again from Excel`,
    limit,
  );

/** Counts bytes as they are inflated and fails the moment a budget is spent. */
export class ByteBudget {
  private used = 0;
  constructor(readonly limit: number) {}
  spend(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw unzipsTooLarge(this.limit);
  }
  get spent(): number {
    return this.used;
  }
}

/** Counts data rows as they are read and fails on the first one past MAX_ROWS. */
export class RowCounter {
  private rows = 0;
  constructor(readonly limit = MAX_ROWS) {}
  add(): void {
    if (++this.rows > this.limit) throw tooManyRows();
  }
  get count(): number {
    return this.rows;
  }
}

export function checkCellLength(text: string, where: string): void {
  if (text.length > MAX_CELL_CHARS) throw cellTooLong(where);
}

/** `A` → 0, `AB` → 27; the column part of a reference such as `AB12`. */
export function columnIndexOf(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    index = index * 26 + (c - 64);
  }
  return index - 1;
}

/** 0 → `A`, 27 → `AB`. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
