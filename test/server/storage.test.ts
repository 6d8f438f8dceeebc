import { sql } from 'kysely';
import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import type { Storage } from '../../host/server/storage/database.ts';
import { migrateToLatest } from '../../host/server/storage/migrations.ts';
import {
  currentCycle,
  getKeyResult,
  insertSnapshot,
  loadSnapshot,
} from '../../host/server/storage/queries.ts';
import { STORAGE_BACKENDS } from './storage-backends.ts';

for (const backend of STORAGE_BACKENDS) {
  describe.skipIf(backend.skip)(`storage on ${backend.name}`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ storage, cleanup } = await backend.open());
    });
    afterAll(async () => {
      await storage.close();
      await cleanup();
    });

    it('runs the migrations once; a second run does nothing', async () => {
      expect(await migrateToLatest(storage.db, storage.dialect, storage.pgSchema)).toEqual([]);
    });

    it('stores the case-study snapshot and reads it back unchanged', async () => {
      const snapshot = caseStudySnapshot();
      await storage.db.transaction().execute((trx) => insertSnapshot(trx, snapshot));
      const cycle = await currentCycle(storage.db, '2026-03-01');
      expect(cycle).toEqual(snapshot.cycle);
      const loaded = await loadSnapshot(storage.db, snapshot.cycle);
      const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(loaded.people)).toEqual(byId(snapshot.people));
      expect(byId(loaded.objectives)).toEqual(byId(snapshot.objectives));
      // Link order is not part of the model: compare links as sets.
      const sortLinks = (krs: typeof snapshot.keyResults) =>
        byId(krs).map((k) => ({
          ...k,
          links: [...k.links].sort((a, b) => a.objectiveId.localeCompare(b.objectiveId)),
        }));
      expect(sortLinks(loaded.keyResults)).toEqual(sortLinks(snapshot.keyResults));
      expect(byId(loaded.checkIns)).toEqual(byId(snapshot.checkIns));
      expect(byId(loaded.escalations)).toEqual(byId(snapshot.escalations));
      expect(byId(loaded.keyAccounts)).toEqual(byId(snapshot.keyAccounts));
      expect(byId(loaded.peerReviews)).toEqual(byId(snapshot.peerReviews));
      const key = (a: { personId: string; month: string }) => `${a.personId}|${a.month}`;
      expect([...loaded.activities].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        [...snapshot.activities].sort((a, b) => key(a).localeCompare(key(b))),
      );
    });

    it('keeps large cent amounts exact', async () => {
      const big = 9_000_000_000_123; // beyond 32 bits, within Number.MAX_SAFE_INTEGER
      await storage.db
        .transaction()
        .execute((trx) =>
          trx
            .updateTable('people')
            .set({ base_bonus_cents: big })
            .where('id', '=', 'person-zhaomin')
            .execute(),
        );
      const row = await storage.db
        .selectFrom('people')
        .select('base_bonus_cents')
        .where('id', '=', 'person-zhaomin')
        .executeTakeFirstOrThrow();
      expect(row.base_bonus_cents).toBe(big);
    });

    it('refuses a row that points at nothing (foreign keys are on)', async () => {
      await expect(
        storage.db
          .insertInto('kr_links')
          .values({
            kr_id: 'kr-zhaomin-1',
            objective_id: 'no-such-objective',
            weight: 10,
            linked_at: '2026-01-01T00:00:00Z',
            version: 1,
          })
          .execute(),
      ).rejects.toThrow();
    });

    it('rolls a failed transaction back whole', async () => {
      const before = await getKeyResult(storage.db, 'kr-zhaomin-1');
      await expect(
        storage.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('key_results')
            .set({ title: 'half-written' })
            .where('id', '=', 'kr-zhaomin-1')
            .execute();
          await trx.insertInto('regions').values({ id: 'region-east', name: 'duplicate' }).execute();
        }),
      ).rejects.toThrow();
      expect(await getKeyResult(storage.db, 'kr-zhaomin-1')).toEqual(before);
    });

    it('applies a versioned update only against the version it read', async () => {
      const kr = (await getKeyResult(storage.db, 'kr-zhaomin-1'))!;
      const bump = (expected: number) =>
        storage.db
          .updateTable('key_results')
          .set({ title: `v${expected + 1}`, version: expected + 1 })
          .where('id', '=', kr.id)
          .where('version', '=', expected)
          .executeTakeFirst();
      expect(Number((await bump(kr.version)).numUpdatedRows)).toBe(1);
      expect(Number((await bump(kr.version)).numUpdatedRows)).toBe(0);
    });

    it.skipIf(backend.name !== 'SQLite')('uses WAL and enforces foreign keys on SQLite', async () => {
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(storage.db);
      const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(storage.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    });
  });
}
