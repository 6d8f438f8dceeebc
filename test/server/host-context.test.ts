import { createHostContext } from '../../host/server/host-context.ts';
import manifestJson from '../../manifest.json' with { type: 'json' };
import { activate } from '../../plugin/activate.ts';
import { loadManifest } from '../../plugin/manifest/index.ts';
import { HOST_CONTRACT_VERSION, type HostUser } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from './helpers.ts';

describe('the reference host implements the sdk HostContext', () => {
  let server: TestServer;
  const sales: HostUser = {
    userId: 'u',
    personId: 'person-zhaomin',
    name: '赵敏',
    role: 'sales',
    regionId: 'region-east',
    scope: null,
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('activates the pack: every manifest contribution is registered once', () => {
    const ctx = createHostContext(server.app.ctx, sales);
    const manifest = loadManifest(manifestJson);
    const disposables = activate(ctx, manifest);
    const c = manifest.contributes;
    expect(ctx.registered.registerCollection.map((x) => x.id)).toEqual(c.collections.map((x) => x.id));
    expect(ctx.registered.registerForm).toHaveLength(c.forms.length);
    expect(ctx.registered.registerRules).toHaveLength(c.rules.length);
    expect(ctx.registered.registerWidget).toHaveLength(c.widgets.length);
    expect(ctx.registered.registerPage).toHaveLength(c.pages.length);
    expect(ctx.registered.registerRole).toHaveLength(c.roles.length);
    expect(ctx.subscriptions).toHaveLength(disposables.length);
    expect(() => activate(ctx, manifest)).toThrow(/already registered/);
    for (const d of disposables) d.dispose();
    expect(ctx.registered.registerForm).toEqual([]);
  });

  it('refuses a host of another major contract version', () => {
    const ctx = { ...createHostContext(server.app.ctx, sales), contractVersion: '2.0.0' };
    expect(HOST_CONTRACT_VERSION).toBe('1.4.0');
    expect(() => activate(ctx)).toThrow(/host contract 2\.0\.0.*needs \^1/);
  });

  it('refuses a host of an older minor contract version than the manifest needs', () => {
    const ctx = { ...createHostContext(server.app.ctx, sales), contractVersion: '1.0.0' };
    expect(() => activate(ctx)).toThrow(/host contract 1\.0\.0.*needs \^1\.1\.0/);
  });

  it('answers identity questions with the server policy', () => {
    const { identity } = createHostContext(server.app.ctx, sales);
    expect(identity.currentUser()?.personId).toBe('person-zhaomin');
    expect(
      identity.can('update', { type: 'keyResult', ownerPersonId: 'person-zhaomin', regionId: 'region-east' }),
    ).toBe(true);
    expect(
      identity.can('update', { type: 'keyResult', ownerPersonId: 'person-sunhao', regionId: 'region-east' }),
    ).toBe(false);
    expect(identity.can('publish', { type: 'settings' })).toBe(false);
  });

  it('reads data and refuses stale versioned writes with the current record', async () => {
    const { data } = createHostContext(server.app.ctx, sales);
    const snapshot = await data.snapshot();
    expect(snapshot.cycle.id).toBe('cycle-2026-h1');
    const mine = await data.list('keyResults', { ownerId: 'person-zhaomin' });
    expect(mine.length).toBeGreaterThan(0);
    const kr = (await data.get('keyResults', 'kr-zhaomin-1'))!;
    const ok = await data.updateKeyResult(kr.id, { title: 'via the port' }, kr.version);
    expect(ok).toMatchObject({ ok: true, record: { title: 'via the port', version: kr.version + 1 } });
    const stale = await data.updateKeyResult(kr.id, { title: 'stale' }, kr.version);
    expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { title: 'via the port' } });
    const link = await data.saveLink(kr.id, { objectiveId: 'obj-high-margin', weight: 20 }, null);
    expect(link).toMatchObject({ ok: true, record: { version: 1, weight: 20 } });
    expect(await data.saveLink(kr.id, { objectiveId: 'obj-high-margin', weight: 30 }, null)).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(await data.get('activities', 'person-zhaomin:2026-01')).toMatchObject({
      personId: 'person-zhaomin',
      month: '2026-01',
    });
  });
  it('deletes a link only at its current version, audits it and tells the board', async () => {
    const { data } = createHostContext(server.app.ctx, sales);
    const db = server.app.ctx.db;
    const heard: unknown[] = [];
    const stop = server.app.ctx.bus.subscribe('cycle:cycle-2026-h1', (m) => heard.push(m));
    try {
      const saved = await data.saveLink(
        'kr-zhaomin-1',
        { objectiveId: 'obj-key-accounts', weight: 15 },
        null,
      );
      expect(saved).toMatchObject({ ok: true, record: { version: 1 } });
      await data.saveLink('kr-zhaomin-1', { objectiveId: 'obj-key-accounts', weight: 25 }, 1);
      const stale = await data.deleteLink('kr-zhaomin-1', 'obj-key-accounts', 1);
      expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { version: 2, weight: 25 } });
      const removed = await data.deleteLink('kr-zhaomin-1', 'obj-key-accounts', 2);
      expect(removed).toEqual({
        ok: true,
        record: expect.objectContaining({
          krId: 'kr-zhaomin-1',
          objectiveId: 'obj-key-accounts',
          version: 2,
        }),
      });
      expect(await data.deleteLink('kr-zhaomin-1', 'obj-key-accounts', 2)).toEqual({
        ok: false,
        reason: 'not-found',
      });
      expect(await data.deleteLink('kr-nobody', 'obj-key-accounts', 1)).toEqual({
        ok: false,
        reason: 'not-found',
      });
      const kr = (await data.get('keyResults', 'kr-zhaomin-1'))!;
      expect(kr.links.some((l) => l.objectiveId === 'obj-key-accounts')).toBe(false);
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'link.delete')
        .where('subject_id', '=', 'kr-zhaomin-1:obj-key-accounts')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: 'person-zhaomin' });
      expect(heard).toContainEqual({
        type: 'link.removed',
        id: 'kr-zhaomin-1:obj-key-accounts',
        byPersonId: 'person-zhaomin',
      });
    } finally {
      stop();
    }
  });
});
