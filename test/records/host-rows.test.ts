import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { nocobaseRecords } from '../../adapters/nocobase/server/app-records.ts';
import { importSnapshot } from '../../adapters/nocobase/server/import-snapshot.ts';
import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import { migrateNotify } from '../../host/server/schedules/notify-tables.ts';
import { sqlRecords, sqlTables } from '../../host/server/storage/app-records.ts';
import { openStorage, type Storage } from '../../host/server/storage/database.ts';
import { SQL_ROWS } from '../../host/server/storage/mappers.ts';
import { insertSnapshot } from '../../host/server/storage/queries.ts';
import type { Database } from '../../host/server/storage/schema.ts';
import { DuplicateRecord, type RecordName } from '../../plugin/app/ports.ts';
import { RECORD_NAMES } from '../../plugin/records/record-schema.ts';
import { decodeRow, encodeRow, keyOf } from '../../plugin/records/row-codec.ts';
import { readSnapshot } from '../../plugin/records/snapshot-read.ts';
import type { TableRecords } from '../../plugin/records/table-records.ts';
import { memoryTables } from '../adapters/nocobase/memory-tables.ts';
import { STORAGE_BACKENDS } from '../server/storage-backends.ts';
import { SAMPLES } from './record-samples.ts';

// The pack's records over each host's real rows: the reference host's SQLite and PostgreSQL tables
// (made by its migrations) and NocoBase's collections (in memory; the live suite runs NocoBase).

/** Runs `work` with foreign keys off: the samples refer to records no test writes. */
async function withoutForeignKeys(storage: Storage, work: (db: Kysely<Database>) => Promise<void>) {
  if (storage.dialect === 'sqlite') {
    await sql`PRAGMA foreign_keys = OFF`.execute(storage.db);
    try {
      await work(storage.db);
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(storage.db);
    }
    return;
  }
  await storage.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

for (const backend of STORAGE_BACKENDS) {
  describe.skipIf(backend.skip)(`pack records on the reference host’s ${backend.name} tables`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, cleanup } = await backend.open());
      // The robots' table (`channels`) comes with the notify tables' own migrations.
      await migrateNotify(storage.db, storage.dialect);
    });
    afterAll(async () => {
      await storage?.close();
      await cleanup?.();
    });

    it('writes every record kind into the columns its migrations made, and reads it back', async () => {
      await withoutForeignKeys(storage, async (db) => {
        const records = sqlRecords(db);
        for (const c of RECORD_NAMES) {
          const sample = SAMPLES[c];
          await records.insert(c, sample as never);
          const [row] = await sqlTables(db).find(SQL_ROWS.table(c), {});
          // No column of the table is left out of the record schema, none of the schema is missing.
          expect(Object.keys(row ?? {}).sort(), c).toEqual(
            Object.keys(encodeRow(c, sample, SQL_ROWS)).sort(),
          );
          expect(await records.get(c, keyOf(c, sample)), c).toEqual(sample);
        }
      });
    });
  });
}

describe('the reference host’s row format', () => {
  it('keeps JSON as text and booleans as 0/1, and reads empty JSON text as no value', () => {
    const row = encodeRow('keyResults', SAMPLES.keyResults, SQL_ROWS);
    expect(row).toMatchObject({ focus_tags: JSON.stringify(SAMPLES.keyResults.focusTags), custom: null });
    expect(encodeRow('cycles', SAMPLES.cycles, SQL_ROWS)).toMatchObject({ locked: 1 });
    const read = decodeRow('keyResults', { ...row, focus_tags: '', sent_back: '' }, SQL_ROWS);
    expect(read.focusTags).toEqual([]);
    expect(read).not.toHaveProperty('sentBack');
  });
});

/** The demo snapshot stored on the reference host (SQLite) and on NocoBase (in memory), as records. */
async function bothHosts(): Promise<{ name: string; records: TableRecords; close(): Promise<void> }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-rows-'));
  const storage = await openStorage({ dataDir: dir });
  await storage.db.transaction().execute((trx) => insertSnapshot(trx, caseStudySnapshot()));
  const tables = memoryTables();
  await importSnapshot(tables, caseStudySnapshot());
  return [
    {
      name: 'reference host',
      records: sqlRecords(storage.db),
      close: async () => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    },
    { name: 'NocoBase', records: nocobaseRecords(tables), close: async () => {} },
  ];
}

describe('the pack’s records and snapshot read on both hosts', () => {
  let hosts: Awaited<ReturnType<typeof bothHosts>>;
  beforeAll(async () => {
    hosts = await bothHosts();
  });
  afterAll(async () => {
    for (const h of hosts ?? []) await h.close();
  });
  const each = async <T>(read: (r: TableRecords) => Promise<T>) =>
    Promise.all(hosts.map((h) => read(h.records)));

  it('reads the same snapshot, in the same order, as the demo holds it', async () => {
    const demo = caseStudySnapshot();
    const [reference, nocobase] = await each((r) => readSnapshot(r, demo.cycle));
    expect(nocobase).toEqual(reference);
    expect(reference!.keyResults.map((k) => k.id)).toEqual(demo.keyResults.map((k) => k.id).sort());
    expect(reference!.checkIns).toHaveLength(demo.checkIns.length);
    const months = reference!.checkIns.map((c) => `${c.krId} ${c.month}`);
    expect(months).toEqual([...months].sort());
  });

  it('leaves archived objectives and key results out of the snapshot, not out of the records', async () => {
    const demo = caseStudySnapshot();
    const kr = demo.keyResults[0]!;
    for (const h of hosts) {
      expect(await h.records.update('keyResults', kr.id, { archivedAt: '2026-05-01T00:00:00Z' })).toBe(true);
      const s = await readSnapshot(h.records, demo.cycle);
      expect(
        s.keyResults.map((k) => k.id),
        h.name,
      ).not.toContain(kr.id);
      expect(
        s.checkIns.filter((c) => c.krId === kr.id),
        h.name,
      ).toEqual([]);
      expect((await h.records.get('keyResults', kr.id))?.archivedAt, h.name).toBe('2026-05-01T00:00:00Z');
      expect(await h.records.update('keyResults', kr.id, { archivedAt: undefined })).toBe(true);
    }
  });

  it('finds by lists of values (an empty list matches nothing) and refuses unknown fields', async () => {
    const [a, b] = await each(async (r) => ({
      two: (await r.find('people', { id: { in: ['person-zhaomin', 'person-sunhao'] } }))
        .map((p) => p.id)
        .sort(),
      none: await r.find('checkIns', { krId: { in: [] } }),
      nullRegion: (await r.find('people', { regionId: null })).length,
    }));
    expect(a).toEqual({ two: ['person-sunhao', 'person-zhaomin'], none: [], nullRegion: expect.any(Number) });
    expect(b).toEqual(a);
    for (const h of hosts)
      await expect(h.records.find('people', { nickname: 'x' } as never)).rejects.toThrow(
        'records: people has no field "nickname" to filter by',
      );
  });

  it('gives a key result its links in objective order, and refuses a second record under one key', async () => {
    for (const h of hosts) {
      const kr = (await h.records.find('keyResults', { ownerId: 'person-zhaomin' }))[0]!;
      const linked = new Set(kr.links.map((l) => l.objectiveId));
      const free = (await h.records.find('objectives', { cycleId: kr.cycleId }))
        .map((o) => o.id)
        .filter((id) => !linked.has(id))
        .sort()
        .slice(0, 2)
        .reverse();
      expect(free, h.name).toHaveLength(2);
      const link = (objectiveId: string) => ({
        krId: kr.id,
        objectiveId,
        weight: 1,
        linkedAt: '2026-05-01T00:00:00Z',
        version: 1,
      });
      for (const id of free) await h.records.insert('links', link(id));
      const links = (await h.records.get('keyResults', kr.id))!.links.map((l) => l.objectiveId);
      expect(links, h.name).toEqual([...links].sort());
      expect(links, h.name).toEqual(expect.arrayContaining(free));
      await expect(h.records.insert('links', link(free[0]!)), h.name).rejects.toThrow(DuplicateRecord);
      for (const id of free) expect(await h.records.remove('links', `${kr.id}~${id}`, 1), h.name).toBe(true);
    }
  });

  it('writes versioned records as compare-and-sets, and others on the field values read', async () => {
    const id = 'person-zhaomin';
    for (const h of hosts) {
      const before = (await h.records.get('people', id))!;
      expect(await h.records.update('people', id, { name: 'A' }, (before.version ?? 1) + 5), h.name).toBe(
        false,
      );
      expect(await h.records.update('people', id, { name: 'A' }), h.name).toBe(true);
      const after = (await h.records.get('people', id))!;
      expect(after, h.name).toMatchObject({ name: 'A', version: (before.version ?? 1) + 1 });
      const region = (await h.records.find('regions'))[0]!;
      expect(await h.records.update('regions', region.id, { name: 'x' }, { name: 'not it' }), h.name).toBe(
        false,
      );
      expect(await h.records.update('regions', region.id, { name: 'x' }, { name: region.name }), h.name).toBe(
        true,
      );
      expect(await h.records.update('regions', region.id, { name: region.name }), h.name).toBe(true);
      expect(await h.records.update('people', id, { name: before.name }, after.version), h.name).toBe(true);
    }
  });

  it('compares a document’s status on publish: of two publishers reading it proposed, one wins', async () => {
    const proposed = { ...SAMPLES.ruleVersions, version: 9, status: 'proposed' as const };
    for (const h of hosts) {
      await h.records.insert('ruleVersions', proposed);
      const publish = () => h.records.update('ruleVersions', '9', { status: 'published' });
      expect(await publish(), h.name).toBe(true);
      // A publisher that read it proposed, after the other published it.
      expect(
        await h.records.update('ruleVersions', '9', { status: 'published' }, { status: 'proposed' }),
        h.name,
      ).toBe(false);
      expect(await h.records.remove('ruleVersions', '9'), h.name).toBe(true);
    }
  });
});

// Every record kind is named, so a kind added to the pack without samples is caught here.
const _all: Record<RecordName, unknown> = SAMPLES;
