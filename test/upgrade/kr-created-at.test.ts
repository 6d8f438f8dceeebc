import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openStorage, SQLITE_FILE } from '../../host/server/storage/database.ts';
import { listCycles, loadSnapshot } from '../../host/server/storage/queries.ts';

// Migration 0006-key-result-created-at on a database of v0.1.0, which kept no creation time.
describe('key results of a v0.1.0 database get a creation time', () => {
  it('dates every existing KR from its cycle start at 00:00Z, so it owes every month as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okr-upgrade-created-at-'));
    const fixture = join(import.meta.dirname, 'fixtures', 'v0.1.0.sqlite.gz');
    writeFileSync(join(dir, SQLITE_FILE), gunzipSync(readFileSync(fixture)));
    const storage = await openStorage({ dataDir: dir });
    try {
      const cycles = await listCycles(storage.db);
      expect(cycles.length).toBeGreaterThan(0);
      let krs = 0;
      for (const cycle of cycles) {
        const snapshot = await loadSnapshot(storage.db, cycle);
        krs += snapshot.keyResults.length;
        for (const kr of snapshot.keyResults) expect(kr.createdAt).toBe(`${cycle.start}T00:00:00Z`);
      }
      expect(krs).toBeGreaterThan(0);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
