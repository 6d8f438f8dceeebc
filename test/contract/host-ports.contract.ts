// The host-port contract: the same checks of DataPort, IdentityPort, NotifyPort, SettingsStore and
// RealtimePort on every host. A runner gives a host started from the case-study demo data.
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'vitest';
import demo from '../../host/demo/case-study.snapshot.json' with { type: 'json' };
import type { Settings } from '../../plugin/domain/settings.ts';
import type { Id, KeyResult, Snapshot } from '../../plugin/domain/types.ts';
import {
  type BoardMessage,
  boardOf,
  type DataPort,
  type IdentityPort,
  type NotifyPort,
  type RealtimePort,
  type SettingsStore,
  type Subject,
} from '../../plugin/sdk/index.ts';

/** A port whose methods answer through a promise, as any port does over HTTP. */
export type Remote<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A real client of one board (WebSocket), signed in as `personId`. */
export interface BoardWatcher {
  personId: Id;
  /** The first board message (already received or coming) that matches. */
  next(match: (m: BoardMessage) => boolean, timeoutMs?: number): Promise<BoardMessage>;
  close(): Promise<void>;
}

export interface HostRealtime {
  port: Remote<RealtimePort>;
  /** Connects a client to the board of `cycleId`; resolves once the host has it on the board. */
  watch(cycleId: Id): Promise<BoardWatcher>;
}

/** The ports of one running host. `data` and `notify` act as an administrator. */
export interface HostPorts {
  data: DataPort;
  notify: NotifyPort;
  /** The settings store acting as the user of the person `personId`. */
  settingsAs(personId: Id): Promise<SettingsStore>;
  /** The identity port of the signed-in user of the person `personId`. */
  identityAs(personId: Id): Promise<Remote<IdentityPort>>;
  /** The host's realtime port and a way to watch a board, or why the host has none. */
  realtime: HostRealtime | { missing: string };
  close(): Promise<void>;
}

/** A host under test, started from the case-study demo data. */
export interface HostUnderTest {
  name: string;
  start(): Promise<HostPorts>;
  /** Time for `start` (a remote host imports the demo first). */
  startTimeoutMs?: number;
}

const DEMO = demo as unknown as Snapshot;
const CYCLE = DEMO.cycle.id;
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id).sort();
const person = (id: Id) => {
  const p = DEMO.people.find((x) => x.id === id);
  if (!p) throw new Error(`contract: no demo person ${id}`);
  return p;
};
/** The policy subject of a demo KR, as a host derives it: owner person and the owner's region. */
const krSubject = (krId: Id, type: 'keyResult' | 'link' = 'keyResult'): Subject => {
  const kr = DEMO.keyResults.find((k) => k.id === krId);
  if (!kr) throw new Error(`contract: no demo KR ${krId}`);
  return kr.ownerType === 'region'
    ? { type, ownerPersonId: null, regionId: kr.ownerId }
    : { type, ownerPersonId: kr.ownerId, regionId: person(kr.ownerId).regionId };
};
const withoutLinks = ({ links: _l, ...rest }: KeyResult) => rest;
const must = async <T>(p: Promise<T | null>, what: string): Promise<T> => {
  const v = await p;
  if (v === null) throw new Error(`contract: ${what} is missing`);
  return v;
};

const SALES = 'person-zhaomin'; // region-east
const SAME_REGION_SALES = 'person-sunhao'; // region-east, KRs kr-sunhao-*
const OTHER_REGION_SALES = 'person-zhengkai'; // region-south
const MANAGER = 'person-chenzhiqiang'; // region-east
const HR = 'person-linxue';
const STRATEGY = 'person-wangjianguo';

/** Registers the contract suite for `host`. Every write test starts from what it reads and undoes or uses fresh records. */
export function hostPortsContract(host: HostUnderTest): void {
  describe(`host ports contract: ${host.name}`, () => {
    let ports: HostPorts;
    const data = () => ports.data;

    beforeAll(async () => {
      ports = await host.start();
    }, host.startTimeoutMs ?? 60_000);
    afterAll(async () => {
      await ports?.close();
    });

    describe('DataPort', () => {
      it('gives the snapshot of the current cycle with the demo records', async () => {
        const s = await data().snapshot();
        expect(s.cycle).toEqual(DEMO.cycle);
        expect(ids(s.regions)).toEqual(ids(DEMO.regions));
        expect([...s.people].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...DEMO.people].sort((a, b) => a.id.localeCompare(b.id)),
        );
        expect(ids(s.objectives)).toEqual(ids(DEMO.objectives));
        expect(ids(s.keyResults)).toEqual(ids(DEMO.keyResults));
        expect(ids(s.checkIns)).toEqual(ids(DEMO.checkIns));
        expect(ids(s.keyAccounts)).toEqual(ids(DEMO.keyAccounts));
        expect(ids(s.peerReviews)).toEqual(ids(DEMO.peerReviews));
        expect(s.activities).toHaveLength(DEMO.activities.length);
        // Rules may open escalations after writes; the demo's own are all there.
        expect(ids(s.escalations)).toEqual(expect.arrayContaining(ids(DEMO.escalations)));
        // A KR no test writes comes back field for field.
        const kr = s.keyResults.find((k) => k.id === 'kr-zhengkai-3');
        const demoKr = DEMO.keyResults.find((k) => k.id === 'kr-zhengkai-3');
        expect(kr && withoutLinks(kr)).toEqual(demoKr && withoutLinks(demoKr));
        expect(kr?.links).toMatchObject(demoKr?.links ?? []);
        expect(await data().snapshot(CYCLE)).toMatchObject({ cycle: DEMO.cycle });
      });

      it('lists records matching an equality filter (string, null, boolean)', async () => {
        expect(ids(await data().list('keyResults', { ownerId: SALES }))).toEqual(
          ids(DEMO.keyResults.filter((k) => k.ownerId === SALES)),
        );
        expect(ids(await data().list('people', { role: 'manager', regionId: 'region-east' }))).toEqual([
          MANAGER,
        ]);
        expect(ids(await data().list('people', { regionId: null }))).toEqual(
          ids(DEMO.people.filter((p) => p.regionId === null)),
        );
        expect(ids(await data().list('cycles', { locked: false }))).toContain(CYCLE);
        expect(await data().list('people', { role: 'manager', regionId: 'region-nowhere' })).toEqual([]);
        expect(ids(await data().list('objectives'))).toEqual(ids(DEMO.objectives));
      });

      it('gets one record by id, activities by personId:month, and null for an unknown id', async () => {
        expect(await data().get('people', SALES)).toEqual(person(SALES));
        expect(await data().get('keyResults', 'kr-zhengkai-3')).toMatchObject({
          id: 'kr-zhengkai-3',
          ownerId: OTHER_REGION_SALES,
        });
        expect(await data().get('activities', `${SALES}:2026-01`)).toEqual(
          DEMO.activities.find((a) => a.personId === SALES && a.month === '2026-01'),
        );
        expect(await data().get('keyResults', 'kr-no-such-kr')).toBeNull();
        expect(await data().get('activities', `${SALES}:2099-01`)).toBeNull();
      });

      it('updates a key result at its version, bumps the version, and refuses a stale or unknown write', async () => {
        const before = await must(data().get('keyResults', 'kr-zhaomin-2'), 'kr-zhaomin-2');
        const title = `contract ${randomUUID()}`;
        const ok = await data().updateKeyResult(before.id, { title }, before.version);
        expect(ok).toMatchObject({
          ok: true,
          record: { id: before.id, title, version: before.version + 1, ownerId: SALES },
        });
        if (!ok.ok) return;
        expect(ok.record.links).toEqual(before.links);
        expect(await data().get('keyResults', before.id)).toMatchObject({
          title,
          version: before.version + 1,
        });
        const stale = await data().updateKeyResult(before.id, { title: 'stale write' }, before.version);
        expect(stale).toEqual({ ok: false, reason: 'stale', current: expect.objectContaining({ title }) });
        if (!stale.ok && stale.reason === 'stale') expect(stale.current.version).toBe(before.version + 1);
        expect(await data().get('keyResults', before.id)).toMatchObject({ title });
        expect(await data().updateKeyResult('kr-no-such-kr', { title }, 1)).toEqual({
          ok: false,
          reason: 'not-found',
        });
        const undo = await data().updateKeyResult(before.id, { title: before.title }, before.version + 1);
        expect(undo).toMatchObject({
          ok: true,
          record: { title: before.title, version: before.version + 2 },
        });
      });

      it('creates and updates a link with row versions, refusing stale and not-found writes', async () => {
        const krId = 'kr-yangfan-4'; // no links in the demo
        const objectiveId = 'obj-new-energy';
        const created = await data().saveLink(krId, { objectiveId, weight: 40 }, null);
        try {
          expect(created).toEqual({
            ok: true,
            record: { krId, objectiveId, weight: 40, version: 1, linkedAt: expect.any(String) },
          });
          const again = await data().saveLink(krId, { objectiveId, weight: 45 }, null);
          expect(again).toMatchObject({
            ok: false,
            reason: 'stale',
            current: { krId, weight: 40, version: 1 },
          });
          const updated = await data().saveLink(krId, { objectiveId, weight: 60 }, 1);
          expect(updated).toMatchObject({ ok: true, record: { krId, objectiveId, weight: 60, version: 2 } });
          if (created.ok && updated.ok) expect(updated.record.linkedAt).toBe(created.record.linkedAt);
          const stale = await data().saveLink(krId, { objectiveId, weight: 70 }, 1);
          expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { weight: 60, version: 2 } });
          const kr = await must(data().get('keyResults', krId), krId);
          expect(kr.links).toEqual([expect.objectContaining({ objectiveId, weight: 60 })]);
          expect(await data().saveLink('kr-no-such-kr', { objectiveId, weight: 10 }, null)).toEqual({
            ok: false,
            reason: 'not-found',
          });
          expect(await data().saveLink(krId, { objectiveId: 'obj-high-margin', weight: 10 }, 1)).toEqual({
            ok: false,
            reason: 'not-found',
          });
        } finally {
          await removeLinkQuietly(krId, objectiveId);
        }
      });

      it('deletes a link at its version: stale keeps it, ok returns it as it was, then it is gone', async () => {
        const krId = 'kr-fengxuemei-4'; // no links in the demo
        const objectiveId = 'obj-key-accounts';
        const created = await data().saveLink(krId, { objectiveId, weight: 35 }, null);
        expect(created).toMatchObject({ ok: true, record: { version: 1 } });
        try {
          const stale = await data().deleteLink(krId, objectiveId, 2);
          expect(stale).toMatchObject({
            ok: false,
            reason: 'stale',
            current: { krId, objectiveId, weight: 35, version: 1 },
          });
          expect((await must(data().get('keyResults', krId), krId)).links).toHaveLength(1);
          const removed = await data().deleteLink(krId, objectiveId, 1);
          expect(removed).toEqual({
            ok: true,
            record: {
              krId,
              objectiveId,
              weight: 35,
              version: 1,
              linkedAt: created.ok ? created.record.linkedAt : expect.any(String),
            },
          });
          const s = await data().snapshot();
          expect(s.keyResults.find((k) => k.id === krId)?.links).toEqual([]);
          expect((await must(data().get('keyResults', krId), krId)).links).toEqual([]);
          expect(await data().deleteLink(krId, objectiveId, 1)).toEqual({ ok: false, reason: 'not-found' });
          expect(await data().deleteLink('kr-no-such-kr', objectiveId, 1)).toEqual({
            ok: false,
            reason: 'not-found',
          });
        } finally {
          await removeLinkQuietly(krId, objectiveId);
        }
      });
    });

    /** Undo for link tests: removes the link at whatever version it has (a no-op once it is gone). */
    async function removeLinkQuietly(krId: Id, objectiveId: Id): Promise<void> {
      try {
        const probe = await data().deleteLink(krId, objectiveId, -1);
        if (!probe.ok && probe.reason === 'stale')
          await data().deleteLink(krId, objectiveId, probe.current.version);
      } catch {
        // A host without deleteLink fails the deleteLink test; nothing more to undo here.
      }
    }

    describe('IdentityPort', () => {
      it('a sales rep may change their own KR but not another rep’s', async () => {
        const id = await ports.identityAs(SALES);
        expect(await id.currentUser()).toMatchObject({
          personId: SALES,
          name: person(SALES).name,
          role: 'sales',
          regionId: 'region-east',
          scope: null,
        });
        expect(await id.can('update', krSubject('kr-zhaomin-1'))).toBe(true);
        expect(await id.can('create', krSubject('kr-zhaomin-1', 'link'))).toBe(true);
        expect(await id.can('update', krSubject('kr-sunhao-1'))).toBe(false);
        expect(await id.can('read', krSubject('kr-zhengkai-1'))).toBe(false);
      });

      it('a manager may change KRs of their own region, not of another region', async () => {
        const id = await ports.identityAs(MANAGER);
        expect(await id.currentUser()).toMatchObject({
          personId: MANAGER,
          role: 'manager',
          regionId: 'region-east',
        });
        expect(await id.can('update', krSubject('kr-sunhao-1'))).toBe(true);
        expect(await id.can('confirm', krSubject('kr-region-east'))).toBe(true);
        expect(await id.can('update', krSubject('kr-zhengkai-1'))).toBe(false);
        expect(await id.can('confirm', krSubject('kr-region-south'))).toBe(false);
      });

      it('hr may publish settings; sales and strategy may not', async () => {
        const hr = await ports.identityAs(HR);
        expect(await hr.currentUser()).toMatchObject({ personId: HR, role: 'hr', regionId: null });
        expect(await hr.can('publish', { type: 'settings' })).toBe(true);
        expect(await hr.can('create', { type: 'settings' })).toBe(true);
        expect(await (await ports.identityAs(SALES)).can('publish', { type: 'settings' })).toBe(false);
        expect(await (await ports.identityAs(STRATEGY)).can('publish', { type: 'settings' })).toBe(false);
      });
    });

    describe('NotifyPort', () => {
      it('delivers a dedupKey once per recipient and counts only the new ones', async () => {
        const dedupKey = `contract:${randomUUID()}`;
        const input = {
          recipientIds: [SALES, SAME_REGION_SALES],
          kind: 'contract.check',
          params: { n: 1 },
          subject: { krId: 'kr-zhaomin-1' },
          dedupKey,
        };
        expect(await ports.notify.notify(input)).toBe(2);
        expect(await ports.notify.notify(input)).toBe(0);
        expect(await ports.notify.notify({ ...input, recipientIds: [SALES, MANAGER, MANAGER] })).toBe(1);
        expect(await ports.notify.notify({ ...input, dedupKey: `${dedupKey}:other` })).toBe(2);
        expect(await ports.notify.notify({ ...input, recipientIds: [] })).toBe(0);
      });
    });

    describe('SettingsStore', () => {
      const changed = (s: Settings): Settings => {
        const next = structuredClone(s);
        next.alignment.minScore = s.alignment.minScore === 95 ? 90 : 95;
        next.alerts.krStaleDays = s.alerts.krStaleDays + 7;
        return next;
      };

      it('gives the published settings in effect, which are among the versions', async () => {
        const store = await ports.settingsAs(HR);
        const current = await store.current();
        expect(current.version).toBeGreaterThanOrEqual(1);
        expect(typeof current.settings.alignment.minScore).toBe('number');
        const listed = (await store.versions()).find((v) => v.version === current.version);
        expect(listed).toMatchObject({ status: 'published', settings: current.settings });
      });

      it('refuses an invalid proposal with a clear error and stores nothing', async () => {
        const store = await ports.settingsAs(HR);
        const before = await store.versions();
        const current = await store.current();
        const invalid = {
          ...current.settings,
          alignment: { ...current.settings.alignment, minScore: 'high' },
        };
        await expect(store.propose(invalid, 'contract: invalid')).rejects.toThrow(/alignment\.minScore/);
        expect((await store.versions()).map((v) => v.version)).toEqual(before.map((v) => v.version));
        expect(await store.current()).toEqual(current);
      });

      it('proposes, publishes, lists newest first with reason and author, and rolls back with a copy', async () => {
        const store = await ports.settingsAs(HR);
        const start = await store.current();
        const doc = changed(start.settings);
        const reason = `contract ${randomUUID()}`;
        const proposed = await store.propose(doc, reason);
        expect(proposed).toMatchObject({
          status: 'proposed',
          reason,
          authorId: HR,
          settings: doc,
          rollbackOf: null,
        });
        expect(proposed.version).toBeGreaterThan(start.version);
        expect((await store.current()).version).toBe(start.version);

        const published = await store.publish(proposed.version);
        expect(published).toMatchObject({
          version: proposed.version,
          status: 'published',
          publishedById: HR,
        });
        expect(await store.current()).toEqual({ version: proposed.version, settings: doc });

        const versions = await store.versions();
        const numbers = versions.map((v) => v.version);
        expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
        expect(versions[0]).toMatchObject({
          version: proposed.version,
          reason,
          authorId: HR,
          status: 'published',
        });

        const back = await store.rollback(start.version, `${reason}: undo`);
        expect(back).toMatchObject({
          status: 'published',
          rollbackOf: start.version,
          reason: `${reason}: undo`,
          authorId: HR,
          settings: start.settings,
        });
        expect(back.version).toBeGreaterThan(proposed.version);
        expect(await store.current()).toEqual({ version: back.version, settings: start.settings });
        expect((await store.versions())[0]).toMatchObject({
          version: back.version,
          rollbackOf: start.version,
        });
      });

      it('previews a document by the paths it changes, storing nothing', async () => {
        const store = await ports.settingsAs(HR);
        const current = await store.current();
        const before = (await store.versions()).length;
        const doc = changed(current.settings);
        const preview = await store.preview(doc);
        expect([...preview.changes].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
          {
            path: 'alerts.krStaleDays',
            before: current.settings.alerts.krStaleDays,
            after: doc.alerts.krStaleDays,
          },
          {
            path: 'alignment.minScore',
            before: current.settings.alignment.minScore,
            after: doc.alignment.minScore,
          },
        ]);
        expect(preview.alignmentRate.before).toBeGreaterThan(0);
        expect((await store.versions()).length).toBe(before);
        expect(await store.current()).toEqual(current);
      });

      it('previews a stored proposal given by its version number', async () => {
        const store = await ports.settingsAs(HR);
        const current = await store.current();
        const doc = changed(current.settings);
        const proposed = await store.propose(doc, `contract ${randomUUID()}: preview by version`);
        const preview = await store.preview(proposed.version);
        expect(preview.changes.map((c) => c.path).sort()).toEqual([
          'alerts.krStaleDays',
          'alignment.minScore',
        ]);
        expect(await store.current()).toEqual(current);
      });
    });

    describe('RealtimePort', () => {
      const watchers: BoardWatcher[] = [];
      const realtimeOr = (t: TestContext): HostRealtime => {
        const rt = ports.realtime;
        if ('missing' in rt) {
          t.skip(`${host.name} has no realtime: ${rt.missing}`);
          throw new Error('unreachable: skipped');
        }
        return rt;
      };
      const watch = async (rt: HostRealtime) => {
        const w = await rt.watch(CYCLE);
        watchers.push(w);
        return w;
      };
      afterEach(async () => {
        await Promise.all(watchers.splice(0).map((w) => w.close()));
      });

      it('sends a published BoardMessage to a client of that board and lists the client as present', async (t) => {
        const rt = realtimeOr(t);
        const w = await watch(rt);
        expect((await rt.port.presence(boardOf(CYCLE))).map((p) => p.personId)).toContain(w.personId);
        const message: BoardMessage = {
          type: 'contract.ping',
          id: randomUUID(),
          version: 7,
          record: { note: 'from the contract suite' },
        };
        await rt.port.publish(boardOf(CYCLE), message);
        expect(await w.next((m) => m.id === message.id)).toMatchObject(message);
        // A message of another board never reaches this client.
        const elsewhere = { ...message, id: randomUUID() };
        await rt.port.publish(boardOf('cycle-no-such-cycle'), elsewhere);
        const after = { ...message, id: randomUUID() };
        await rt.port.publish(boardOf(CYCLE), after);
        await w.next((m) => m.id === after.id);
        await expect(w.next((m) => m.id === elsewhere.id, 300)).rejects.toThrow(/no matching/);
      });

      it('sends a key result written through the data port to the board as keyResult.saved', async (t) => {
        const rt = realtimeOr(t);
        const w = await watch(rt);
        const kr = await must(data().get('keyResults', 'kr-zhaomin-3'), 'kr-zhaomin-3');
        const evidence = `contract ${randomUUID()}`;
        const ok = await data().updateKeyResult(kr.id, { evidence }, kr.version);
        expect(ok.ok).toBe(true);
        try {
          const m = await w.next(
            (x) => x.type === 'keyResult.saved' && x.id === kr.id && x.version === kr.version + 1,
          );
          expect(m.record).toMatchObject({ id: kr.id, evidence, version: kr.version + 1 });
        } finally {
          await data().updateKeyResult(kr.id, { evidence: kr.evidence }, kr.version + 1);
        }
      });

      it('sends links saved and deleted through the data port as link.saved and link.removed', async (t) => {
        const rt = realtimeOr(t);
        const w = await watch(rt);
        const krId = 'kr-hantao-4'; // linked to obj-high-margin only in the demo
        const objectiveId = 'obj-new-energy';
        const linkId = `${krId}:${objectiveId}`;
        try {
          const saved = await data().saveLink(krId, { objectiveId, weight: 25 }, null);
          expect(saved.ok).toBe(true);
          const m = await w.next((x) => x.type === 'link.saved' && x.id === linkId);
          expect(m).toMatchObject({ version: 1, record: { krId, objectiveId, weight: 25, version: 1 } });
          expect((await data().deleteLink(krId, objectiveId, 1)).ok).toBe(true);
          await w.next((x) => x.type === 'link.removed' && x.id === linkId);
        } finally {
          await removeLinkQuietly(krId, objectiveId);
        }
      });
    });
  });
}
