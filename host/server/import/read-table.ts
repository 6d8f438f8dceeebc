import { open, readFile, stat } from 'node:fs/promises';
import { ImportFileError, MAX_IMPORT_BYTES } from './import-limits.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import type { FileFormat, ReadOptions, Table } from './table.ts';

export { ImportFileError, MAX_ROWS } from './import-limits.ts';
export type { Cell, FileFormat, ReadOptions, Table, TableRow } from './table.ts';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Compound-file header of the old binary .xls. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

const notAWorkbook = (why: string) =>
  new ImportFileError('not-a-workbook', `import: ${why}; upload an .xlsx workbook or a .csv file`);

/** `.xlsx` (a zip archive) or `.csv` by content and name; anything else is refused. */
export function detectFormat(head: Uint8Array, fileName?: string): FileFormat {
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE))
    throw notAWorkbook('this is an old .xls (or other Office) file; save it as .xlsx');
  const extension = fileName && /\.([^./\\]*)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return 'xlsx';
  if (extension && extension !== 'csv') throw notAWorkbook(`a .${extension} file is not accepted`);
  return 'csv';
}

/** The first bytes of a file, to tell its format. */
async function headOf(file: string | Uint8Array): Promise<Uint8Array> {
  if (typeof file !== 'string') return file.subarray(0, 8);
  const handle = await open(file);
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file (a path, or bytes in memory) into a table, streaming, with the row, cell and size
 * limits applied as it goes. `format` defaults to what the content and name say.
 */
export async function readTable(
  file: string | Uint8Array,
  format?: FileFormat,
  options: ReadOptions & { fileName?: string } = {},
): Promise<Table> {
  const head = await headOf(file);
  const fmt = format ?? detectFormat(head, options.fileName);
  if (fmt === 'xlsx') return readXlsx(file, { ...options, looksLikeZip: startsWith(head, ZIP) });
  if (typeof file === 'string' && (await stat(file)).size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      'file-too-large',
      `import: the file is larger than ${MAX_IMPORT_BYTES} bytes; split it`,
      MAX_IMPORT_BYTES,
    );
  }
  return readCsv(typeof file === 'string' ? await readFile(file) : file, options);
}
