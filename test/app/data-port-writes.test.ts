import { appPortsOf } from '../../host/server/app-ports.ts';
import { dataPortWrites } from '../../plugin/app/data-port-writes.ts';
import type { BoardMessage, Subject } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES } from './run-as.ts';

const at = '2026-05-20T09:00:00.000Z';

// The sdk DataPort writes of the pack (NocoBase's data port uses them), over the reference host's records.
describe.each(DATABASES)('data port writes on %s', (name, databaseUrl) => {
  let server: TestServer;
  const published: { boardId: string; message: BoardMessage; about: Subject }[] = [];
  const writes = () =>
    dataPortWrites(
      {
        uow: appPortsOf(server.app.ctx).uow,
        publish: (boardId, message, about) => published.push({ boardId, message, about }),
        now: () => at,
      },
      'person-liqiang',
    );

  beforeAll(async () => {
    if (name === 'postgres' && !databaseUrl) return;
    server = await startServer({ databaseUrl });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    published.length = 0;
  });
  const run = name === 'postgres' && !databaseUrl ? it.skip : it;

  run('updates a key result at its version, announces it once and refuses the old version', async () => {
    const done = await writes().updateKeyResult('kr-zhaomin-1', { title: '新签储能客户 12 家' }, 4);
    expect(done).toMatchObject({
      ok: true,
      record: { id: 'kr-zhaomin-1', version: 5, title: '新签储能客户 12 家' },
    });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      boardId: 'cycle:cycle-2026-h1',
      message: { type: 'keyResult.saved', id: 'kr-zhaomin-1', version: 5, byPersonId: 'person-liqiang' },
      about: { type: 'keyResult', ownerPersonId: 'person-zhaomin' },
    });
    const again = await writes().updateKeyResult('kr-zhaomin-1', { title: '旧版本' }, 4);
    expect(again).toMatchObject({ ok: false, reason: 'stale', current: { version: 5 } });
    expect(again.ok === false && again.reason === 'stale' && 'custom' in again.current).toBe(false);
    expect(await writes().updateKeyResult('kr-none', { title: 'x' }, 1)).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(published).toHaveLength(1);
  });

  run('creates, updates and deletes a link as compare-and-sets, each audited', async () => {
    const w = writes();
    const made = await w.saveLink('kr-zhaomin-1', { objectiveId: 'obj-high-margin', weight: 0.3 }, null);
    expect(made).toEqual({
      ok: true,
      record: { krId: 'kr-zhaomin-1', objectiveId: 'obj-high-margin', weight: 0.3, linkedAt: at, version: 1 },
    });
    expect(
      await w.saveLink('kr-zhaomin-1', { objectiveId: 'obj-high-margin', weight: 0.4 }, null),
    ).toMatchObject({
      ok: false,
      reason: 'stale',
      current: { version: 1 },
    });
    expect(
      await w.saveLink('kr-zhaomin-1', { objectiveId: 'obj-high-margin', weight: 0.5 }, 1),
    ).toMatchObject({
      ok: true,
      record: { weight: 0.5, version: 2 },
    });
    expect(await w.deleteLink('kr-zhaomin-1', 'obj-high-margin', 1)).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(await w.deleteLink('kr-zhaomin-1', 'obj-high-margin', 2)).toMatchObject({ ok: true });
    expect(await w.deleteLink('kr-zhaomin-1', 'obj-high-margin', 2)).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(published.map((p) => p.message.type)).toEqual(['link.saved', 'link.saved', 'link.removed']);
    const audit = await auditActions(server, 'link', 'kr-zhaomin-1:obj-high-margin');
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['link.create', 'person-liqiang'],
      ['link.update', 'person-liqiang'],
      ['link.delete', 'person-liqiang'],
    ]);
    expect(audit[1]).toMatchObject({
      before: { weight: 0.3, version: 1 },
      after: { weight: 0.5, version: 2 },
    });
  });
});
