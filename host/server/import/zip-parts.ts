import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  type ByteBudget,
  ImportFileError,
  MAX_UNZIPPED_BYTES,
  MAX_ZIP_ENTRIES,
  unzipsTooLarge,
} from './import-limits.ts';

const notAWorkbook = (why: string) =>
  new ImportFileError(
    'not-a-workbook',
    `import: the file is not an .xlsx workbook (${why}); upload an .xlsx or .csv file`,
  );
const damaged = (why: string) =>
  new ImportFileError('unreadable', `import: not a readable .xlsx file (${why}); save it again from Excel`);

/**
 * The parts of an .xlsx (a zip archive), read from its central directory so that only the parts the
 * import needs are inflated, each chunk paid for from a byte budget. Sizes the directory declares
 * are checked before anything is inflated; yauzl stops a part that inflates past its declared size.
 */
export class ZipParts {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(source: string | Uint8Array, looksLikeZip: boolean): Promise<ZipParts> {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      const done = (err: Error | null, z: ZipFile) => (err ? reject(err) : resolve(z));
      if (typeof source === 'string') yauzl.open(source, options, done);
      else yauzl.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), options, done);
    }).catch((e: Error) => {
      throw looksLikeZip ? damaged(e.message) : notAWorkbook('no zip archive inside');
    });
    if (zip.entryCount > MAX_ZIP_ENTRIES) {
      zip.close();
      throw damaged(`${zip.entryCount} parts, more than ${MAX_ZIP_ENTRIES}`);
    }
    try {
      const entries = await listEntries(zip);
      let declared = 0;
      for (const e of entries.values()) declared += e.uncompressedSize;
      if (declared > MAX_UNZIPPED_BYTES) throw unzipsTooLarge(MAX_UNZIPPED_BYTES);
      if (!entries.has('xl/workbook.xml')) throw notAWorkbook('a zip archive without xl/workbook.xml');
      return new ZipParts(zip, entries);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of one part; every budget pays for each chunk, and the first spent one stops it. */
  async *read(name: string, ...budgets: ByteBudget[]): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(name);
    if (!entry) throw damaged(`no part ${name}`);
    for (const b of budgets) {
      if (entry.uncompressedSize > b.limit) throw unzipsTooLarge(b.limit);
    }
    if (entry.isEncrypted()) throw damaged(`${name} is encrypted; remove the password`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err ? reject(damaged(err.message)) : resolve(s))),
    );
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (const b of budgets) b.spend(chunk.length);
        yield chunk;
      }
    } catch (e) {
      throw e instanceof ImportFileError ? e : damaged((e as Error).message);
    } finally {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (e: Entry) => {
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (e: Error) => reject(damaged(e.message)));
    zip.readEntry();
  });
}
