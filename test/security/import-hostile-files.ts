import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Generated once per machine and reused: the names carry what they hold, so a change of recipe makes new ones. */
const DIR = join(tmpdir(), 'okr-import-hostile-v1');

async function cached(name: string, make: (path: string) => Promise<void>): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, name);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.part`;
  await make(partial);
  renameSync(partial, path);
  return path;
}

/** 800,000 data rows written by exceljs's streaming writer: under the upload limit, 16× the row limit. */
export const rows800k = () =>
  cached('rows-800k.xlsx', async (path) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
      useStyles: false,
    });
    const ws = wb.addWorksheet('CRM');
    ws.addRow(['销售', '月份']).commit();
    for (let i = 0; i < 800_000; i++) ws.addRow(['张三', '2026-01']).commit();
    ws.commit();
    await wb.commit();
  });

interface ZipPart {
  name: string;
  /** The part's bytes, produced lazily so that hundreds of MB never sit in this process either. */
  chunks: () => Iterable<Buffer>;
  /** Write this uncompressed size in the central directory instead of the true one (a lying archive). */
  claimedSize?: number;
}

/** A minimal zip writer (deflate, sizes in data descriptors): enough to build archives exceljs would not. */
async function writeZip(path: string, parts: ZipPart[]): Promise<void> {
  const out = createWriteStream(path);
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const start = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(name.length, 26);
    await write(Buffer.concat([local, name]));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = createDeflateRaw({ level: 9 });
    const drained = (async () => {
      for await (const c of deflate as AsyncIterable<Buffer>) {
        compressed += c.length;
        await write(c);
      }
    })();
    for (const chunk of part.chunks()) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
    await drained;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await write(descriptor);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0808, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(compressed, 20);
    entry.writeUInt32LE(part.claimedSize ?? size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(start, 42);
    central.push(Buffer.concat([entry, name]));
  }
  const cdStart = offset;
  for (const c of central) await write(c);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}

const text = (s: string) => () => [Buffer.from(s, 'utf8')];
function* repeated(head: string, unit: string, times: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head, 'utf8');
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))), 'utf8');
  const perBlock = block.length / Buffer.byteLength(unit);
  for (let done = 0; done < times; done += perBlock) yield block;
  yield Buffer.from(tail, 'utf8');
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The parts every workbook needs, with its one sheet and shared strings given. */
function workbook(sheet: ZipPart['chunks'], sharedStrings: ZipPart['chunks'], lie?: number): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      chunks: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="CRM" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/sharedStrings.xml', chunks: sharedStrings, ...(lie ? { claimedSize: lie } : {}) },
    { name: 'xl/worksheets/sheet1.xml', chunks: sheet },
  ];
}

const headerSheet = text(
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>`,
);
const sst = (huge: number) =>
  repeated(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}"><si><t>销售</t></si><si><t>月份</t></si><si><t>`,
    'x',
    huge,
    '</t></si><si><t>2026-01</t></si></sst>',
  );

/** One shared text of `mb` MB: with 400 it is the file (about 400 KB packed). */
export const hugeSharedCell = (mb: number) =>
  cached(`huge-shared-cell-${mb}mb.xlsx`, (path) =>
    writeZip(
      path,
      workbook(headerSheet, () => sst(mb << 20)),
    ),
  );

/** One inline text of `mb` MB in the sheet itself (no shared strings). */
export const hugeInlineCell = (mb: number) =>
  cached(`huge-inline-cell-${mb}mb.xlsx`, (path) =>
    writeZip(
      path,
      workbook(
        () =>
          repeated(
            `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>销售</t></is></c><c r="B1" t="inlineStr"><is><t>月份</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>`,
            'x',
            mb << 20,
            '</t></is></c></row></sheetData></worksheet>',
          ),
        text(`<sst xmlns="${MAIN}"/>`),
      ),
    ),
  );

/** A sheet of 1 GiB of empty rows: honest sizes, so the directory alone tells how far it unpacks. */
export const zipBomb = () =>
  cached('zip-bomb-1gib.xlsx', (path) =>
    writeZip(
      path,
      workbook(
        () =>
          repeated(
            `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`,
            '<row/>',
            (1 << 30) / 6,
            '</sheetData></worksheet>',
          ),
        text(`<sst xmlns="${MAIN}"/>`),
      ),
    ),
  );

/** 256 MB of shared text whose directory entry claims 1 KB: only a counter on the inflated bytes stops it. */
export const lyingZipBomb = () =>
  cached('zip-bomb-lying.xlsx', (path) =>
    writeZip(
      path,
      workbook(headerSheet, () => sst(256 << 20), 1024),
    ),
  );

export const randomFile = () =>
  cached('random-1mb.bin', async (path) => writeFileSync(path, randomBytes(1 << 20)));

export const textFile = () =>
  cached('notes.txt', async (path) => writeFileSync(path, '销售,月份\n张三,2026-01\n'));
