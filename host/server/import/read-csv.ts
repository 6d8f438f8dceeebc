import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  cellTooLong,
  checkCellLength,
  columnLetters,
  ImportFileError,
  MAX_CELL_CHARS,
  RowCounter,
} from './import-limits.ts';
import { type Cell, headersOf, keeperOf, type ReadOptions, type Table, type TableRow } from './table.ts';

/** A record (line) longer than this is refused while it is parsed; csv-parse would otherwise hold it whole. */
const MAX_RECORD_CHARS = 64 * MAX_CELL_CHARS;

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as older Chinese Excel saves CSV. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // Text has no NUL bytes; random bytes or a binary file named .csv almost surely do.
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    throw new ImportFileError(
      'not-a-workbook',
      'import: the file is not text (it holds binary data); upload an .xlsx workbook or a .csv file',
    );
  }
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

function* slices(text: string, size = 64 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Parses record by record, stopping at the first row or cell over the limits. */
export async function readCsv(bytes: Uint8Array, options: ReadOptions = {}): Promise<Table> {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const parser = Readable.from(slices(text)).pipe(
    parse({
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  const counter = new RowCounter();
  const rows: TableRow[] = [];
  let headers: string[] | null = null;
  let keep: (index: number) => boolean = () => true;
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      if (headers === null) {
        record.forEach((c, i) => {
          checkCellLength(c, `cell ${columnLetters(i)}1`);
        });
        headers = headersOf(record.map((h) => (h === '' ? null : h)));
        keep = keeperOf(headers, options.columns);
        continue;
      }
      const cells: Cell[] = options.columns ? [] : record.map(() => null);
      let hasValue = false;
      record.forEach((c, i) => {
        if (c === '') return;
        checkCellLength(c, `cell ${columnLetters(i)}${rowNumber}`);
        hasValue = true;
        if (keep(i)) cells[i] = c;
      });
      if (!hasValue) continue;
      counter.add();
      rows.push({ rowNumber, cells });
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw cellTooLong(`row ${rowNumber + 1}`);
    throw new ImportFileError('unreadable', `import: the CSV cannot be parsed (${(e as Error).message})`);
  } finally {
    parser.destroy();
  }
  if (headers === null) {
    throw new ImportFileError('empty', 'import: the file is empty; put the column names in the first row');
  }
  return { headers, rows };
}
