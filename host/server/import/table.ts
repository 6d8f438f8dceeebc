import { ImportFileError } from './import-limits.ts';

/** One cell as read from a file, before any field parsing. */
export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  /** Row number as the user sees it in Excel (header is row 1). */
  rowNumber: number;
  /** Indexed like the headers; columns not asked for are left out (holes). */
  cells: Cell[];
}

export interface Table {
  headers: string[];
  /** Rows with at least one value; blank rows are not listed. */
  rows: TableRow[];
}

export type FileFormat = 'xlsx' | 'csv';

export interface ReadOptions {
  /** Sheet of an .xlsx file; the first sheet when omitted. */
  sheet?: string;
  /** Only these columns (by header) are kept in the rows, so a wide file costs no more than a narrow one. */
  columns?: readonly string[];
  /** False when the bytes do not start like a zip: a failure to open then means "not a workbook". */
  looksLikeZip?: boolean;
}

/** The header row as names; refuses a blank header row and a name used twice. */
export function headersOf(cells: readonly Cell[]): string[] {
  const headers = Array.from({ length: cells.length }, (_, i) => {
    const c = cells[i];
    return c instanceof Date ? c.toISOString() : c === null || c === undefined ? '' : String(c).trim();
  });
  if (headers.every((h) => h === '')) {
    throw new ImportFileError(
      'empty',
      'import: the file has no header row; put the column names in the first row',
    );
  }
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

/** Which column indexes to keep: all when no columns are asked for. */
export function keeperOf(
  headers: readonly string[],
  columns?: readonly string[],
): (index: number) => boolean {
  if (!columns) return () => true;
  const wanted = new Set(columns.map((c) => c.trim()));
  const indexes = new Set(headers.flatMap((h, i) => (wanted.has(h) ? [i] : [])));
  return (i) => indexes.has(i);
}
