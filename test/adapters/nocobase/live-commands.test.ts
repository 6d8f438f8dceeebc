// The pack's key-result and link commands (plugin/app) over NocoBase HTTP (NOCOBASE_URL), with the same
// checks the reference host's command tests make (test/app/key-results.test.ts): strict input, unknown
// owner, one winner of a race on one version, an audit row per write, a locked cycle, custom values.
import {
  base,
  type Caller,
  call,
  importDemo,
  type Json,
  liveLock,
  q,
  signInRoot,
  userFor,
} from './live-client.ts';

const CYCLE = 'cycle-2026-h1';
const MARK = 'okr-live-cmd';

describe.skipIf(!base)('nocobase adapter: key-result and link commands over HTTP', () => {
  let release = () => {};
  let root: Caller = null;
  let rep: Caller = null; // 赵敏, sales in region-east
  let manager: Caller = null; // 陈志强, manager of region-east
  let strategy: Caller = null; // 王建国
  let hr: Caller = null; // 林雪

  const startedAt = new Date().toISOString();
  // Audit rows of this run only (earlier runs leave theirs), oldest first.
  const auditOf = async (subject: string) =>
    (
      await call(
        root,
        `okr_audit:list?filter=${q({ subject, at: { $gte: startedAt } })}&sort=at&pageSize=100`,
      )
    ).data as { action: string; actorId: string; detail: { before: Json; after: Json } }[];
  const storedKrs = async () =>
    (
      (await call(root, `okr_key_results:list?filter=${q({ cycleId: CYCLE })}&paginate=false`)).data as {
        id: string;
      }[]
    ).length;

  const kr = (over: Record<string, unknown> = {}) => ({
    cycleId: CYCLE,
    ownerType: 'person',
    ownerId: 'person-zhaomin',
    title: `${MARK} 新签储能客户`,
    metric: 'number',
    baseline: 0,
    target: 10,
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}, as: Caller = rep) => {
    const r = await call(as, 'okrAlign:createKeyResult', kr(over));
    expect(r.status, JSON.stringify(r.errors)).toBe(200);
    return r.data as { id: string; version: number };
  };

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    await removeOurs();
    await call(root, `okr_form_overlays:destroy?filterByTk=key-result`, {});
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang')).as;
    strategy = (await userFor(root, 'okr_live_wangjianguo', ['okr_strategy'], 'person-wangjianguo')).as;
    hr = (await userFor(root, 'okr_live_linxue', ['okr_hr'], 'person-linxue')).as;
  }, 300_000);
  // The demo import replaces only the demo's own ids: the KRs made here (and their links) go here.
  const removeOurs = async () => {
    const ours = (
      (await call(root, `okr_key_results:list?filter=${q({ title: { $includes: MARK } })}&paginate=false`))
        .data as { id: string }[]
    ).map((k) => k.id);
    if (ours.length === 0) return;
    await call(root, `okr_kr_links:destroy?filter=${q({ krId: { $in: ours } })}`, {});
    await call(root, `okr_key_results:destroy?filter=${q({ id: { $in: ours } })}`, {});
  };
  afterAll(async () => {
    if (root) {
      await call(root, `okr_cycles:update?filterByTk=${CYCLE}`, { locked: false });
      await call(root, `okr_form_overlays:destroy?filterByTk=key-result`, {});
      await removeOurs();
      const left = await call(root, `okr_key_results:list?filter=${q({ title: { $includes: MARK } })}`);
      if (left.data?.length) console.warn(`live-commands: ${left.data.length} test KRs left behind`);
    }
    release();
  });

  it('refuses coerced types and unknown fields with the field path, storing nothing', async () => {
    const before = await storedKrs();
    const cases: [Record<string, unknown>, string, string][] = [
      [kr({ title: ['x'] }), 'title', 'type'],
      [kr({ target: '10' }), 'target', 'type'],
      [kr({ target: 1e20 }), 'target', 'maximum'],
      [kr({ colour: 'red' }), 'colour', 'unknown-field'],
      [kr({ title: undefined }), 'title', 'required'],
    ];
    for (const [body, field, reason] of cases) {
      const r = await call(rep, 'okrAlign:createKeyResult', body);
      expect([r.status, r.errors?.[0]?.code, r.errors?.[0]?.params]).toEqual([
        400,
        'invalid-request',
        expect.objectContaining({ field, reason }),
      ]);
    }
    const versionAsText = await call(rep, 'okrAlign:updateKeyResult', {
      id: 'kr-zhaomin-1',
      version: '5',
      title: 'x',
    });
    expect([
      versionAsText.status,
      versionAsText.errors?.[0]?.code,
      versionAsText.errors?.[0]?.params?.field,
    ]).toEqual([400, 'invalid-request', 'version']);
    const titleAsList = await call(rep, 'okrAlign:updateKeyResult', {
      id: 'kr-zhaomin-1',
      version: 1,
      title: ['x'],
    });
    expect([titleAsList.status, titleAsList.errors?.[0]?.params?.field]).toEqual([400, 'title']);
    const link = { krId: 'kr-zhaomin-1', objectiveId: 'obj-key-accounts' };
    const links: [Record<string, unknown>, string][] = [
      [{ ...link, weight: 101 }, 'weight'],
      [{ ...link, weight: '20' }, 'weight'],
      [{ ...link, weight: 20, version: '1' }, 'version'],
      [{ ...link, weight: 20, expectedVersion: null }, 'expectedVersion'],
      [{ krId: link.krId, weight: 20 }, 'objectiveId'],
    ];
    for (const [body, field] of links) {
      const r = await call(rep, 'okrAlign:saveLink', body);
      expect([r.status, r.errors?.[0]?.code, r.errors?.[0]?.params?.field]).toEqual([
        400,
        'invalid-request',
        field,
      ]);
    }
    const del = await call(rep, 'okrAlign:deleteLink', { ...link, version: 0 });
    expect([del.status, del.errors?.[0]?.params]).toEqual([
      400,
      expect.objectContaining({ field: 'version' }),
    ]);
    expect(await storedKrs()).toBe(before);
    const kept = (await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-1')).data;
    expect(kept.title).not.toBe('x');
  });

  it('refuses an owner that does not exist, and a caller the policy does not let write', async () => {
    const region = await call(
      manager,
      'okrAlign:createKeyResult',
      kr({ ownerType: 'region', ownerId: 'region-nowhere' }),
    );
    expect([region.status, region.errors?.[0]?.code, region.errors?.[0]?.params]).toEqual([
      400,
      'unknown-owner',
      { id: 'region-nowhere' },
    ]);
    const person = await call(rep, 'okrAlign:createKeyResult', kr({ ownerId: 'person-nobody' }));
    expect([person.status, person.errors?.[0]?.code]).toEqual([400, 'unknown-owner']);
    expect((await call(strategy, 'okrAlign:createKeyResult', kr())).status).toBe(403);
    expect((await call(null, 'okrAlign:createKeyResult', kr())).status).toBe(401);
  });

  it('answers a race of 4 updates on one version with one 200 and three 409s naming the stored version', async () => {
    const { id } = await create({ title: `${MARK} 并发测试` });
    const replies = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((t) =>
        call(rep, 'okrAlign:updateKeyResult', { id, version: 1, title: `${MARK} ${t}` }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = replies.find((r) => r.status === 200)!;
    expect(winner.data.version).toBe(2);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect([r.errors?.[0]?.code, r.errors?.[0]?.params]).toEqual(['stale-version', { sent: 1, stored: 2 }]);
      expect(r.errors?.[0]?.current).toMatchObject({ id, version: 2, title: winner.data.title });
    }
    const stored = (await call(root, `okr_key_results:get?filterByTk=${id}`)).data;
    expect([stored.version, stored.title]).toEqual([2, winner.data.title]);
    // Exactly one update was written and audited.
    expect((await auditOf(`keyResult:${id}`)).map((a) => a.action).sort()).toEqual([
      'keyResult.create',
      'keyResult.update',
    ]);
  });

  it('answers races on one link: 4 creates and 4 weight changes each have one winner', async () => {
    const { id } = await create({ title: `${MARK} 链接并发` });
    const link = { krId: id, objectiveId: 'obj-new-energy' };
    const creates = await Promise.all(
      [10, 20, 30, 40].map((weight) => call(rep, 'okrAlign:saveLink', { ...link, weight })),
    );
    expect(creates.map((r) => r.status).sort(), JSON.stringify(creates.map((r) => r.errors))).toEqual([
      200, 409, 409, 409,
    ]);
    for (const r of creates.filter((x) => x.status === 409))
      expect(r.errors?.[0]).toMatchObject({ code: 'stale-version', current: { ...link, version: 1 } });
    const changes = await Promise.all(
      [50, 60, 70, 80].map((weight) => call(rep, 'okrAlign:saveLink', { ...link, weight, version: 1 })),
    );
    expect(changes.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const won = changes.find((r) => r.status === 200)!.data;
    const stored = (await call(root, `okr_kr_links:list?filter=${q(link)}`)).data;
    expect(stored).toEqual([expect.objectContaining({ ...link, weight: won.weight, version: 2 })]);
  });

  it('writes one audit row with before and after for every KR and link write', async () => {
    const { id } = await create({ title: `${MARK} 审计测试` });
    const edit = await call(rep, 'okrAlign:updateKeyResult', { id, version: 1, unit: '家' });
    expect(edit.status).toBe(200);
    const confirm = await call(manager, 'okrAlign:confirmKeyResult', { id, version: 2 });
    expect([confirm.status, confirm.data?.version]).toEqual([200, 3]);
    const saved = await call(rep, 'okrAlign:saveLink', {
      krId: id,
      objectiveId: 'obj-new-energy',
      weight: 20,
    });
    const reweighed = await call(rep, 'okrAlign:saveLink', {
      krId: id,
      objectiveId: 'obj-new-energy',
      weight: 30,
      version: saved.data.version,
    });
    const moved = await call(rep, 'okrAlign:moveLink', {
      krId: id,
      fromObjectiveId: 'obj-new-energy',
      version: reweighed.data.version,
      toObjectiveId: 'obj-key-accounts',
      weight: 40,
    });
    expect(moved.status, JSON.stringify(moved.errors)).toBe(200);
    expect(moved.data.link).toMatchObject({ objectiveId: 'obj-key-accounts', weight: 40, version: 1 });
    const unlinked = await call(rep, 'okrAlign:deleteLink', {
      krId: id,
      objectiveId: 'obj-key-accounts',
      version: 1,
    });
    expect(unlinked.status).toBe(200);
    const version = (await call(root, `okr_key_results:get?filterByTk=${id}`)).data.version;
    expect((await call(rep, 'okrAlign:deleteKeyResult', { id, version })).status).toBe(403);
    expect((await call(manager, 'okrAlign:deleteKeyResult', { id, version })).status).toBe(200);
    expect((await call(root, `okr_key_results:get?filterByTk=${id}`)).data).toBeFalsy();

    const krAudit = await auditOf(`keyResult:${id}`);
    expect(krAudit.map((a) => [a.action, a.actorId])).toEqual([
      ['keyResult.create', 'person-zhaomin'],
      ['keyResult.update', 'person-zhaomin'],
      ['keyResult.confirm', 'person-chenzhiqiang'],
      ['keyResult.delete', 'person-chenzhiqiang'],
    ]);
    const update = krAudit[1]!.detail;
    expect([update.before.unit, update.after.unit, update.after.version]).toEqual(['', '家', 2]);
    expect(krAudit[3]!.detail).toMatchObject({ before: { id, version: 3 }, after: null });
    const toNewEnergy = await auditOf(`link:${id}:obj-new-energy`);
    expect(toNewEnergy.map((a) => a.action)).toEqual(['link.create', 'link.update', 'link.delete']);
    expect(toNewEnergy[1]!.detail).toMatchObject({
      before: { weight: 20 },
      after: { weight: 30, version: 2 },
    });
    const toKeyAccounts = await auditOf(`link:${id}:obj-key-accounts`);
    expect(toKeyAccounts.map((a) => a.action)).toEqual(['link.create', 'link.delete']);
    // A refused write leaves no row.
    const refused = await call(rep, 'okrAlign:updateKeyResult', {
      id: 'kr-zhaomin-1',
      version: 99,
      unit: 'x',
    });
    expect(refused.status).toBe(409);
    const after = await auditOf('keyResult:kr-zhaomin-1');
    expect(after.filter((a) => a.detail.after?.unit === 'x')).toEqual([]);
  });

  it('keeps custom values of the fields HR adds to the key-result form in the custom column', async () => {
    const overlay = {
      formId: 'key-result',
      entries: [
        { op: 'add', name: 'customer', type: 'text', title: { 'zh-CN': '客户', 'en-US': 'Customer' } },
        { op: 'add', name: 'visits', type: 'number', title: { 'zh-CN': '拜访', 'en-US': 'Visits' } },
      ],
    };
    const put = await call(hr, 'okrAlign:saveFormOverlay', { formId: 'key-result', overlay });
    expect(put.status, JSON.stringify(put.errors)).toBe(200);
    const custom = { customer: '华东电网', visits: 4 };
    const { id } = await create({ title: `${MARK} 自定义字段`, custom });
    expect((await call(root, `okr_key_results:get?filterByTk=${id}`)).data.custom).toEqual(custom);
    const kept = await call(rep, 'okrAlign:updateKeyResult', { id, version: 1, unit: '家' });
    expect(kept.data.custom).toEqual(custom);
    const wrong = await call(rep, 'okrAlign:updateKeyResult', { id, version: 2, custom: { visits: 'four' } });
    expect([wrong.status, wrong.errors?.[0]?.code]).toEqual([400, 'custom-field-invalid']);
    const unknown = await call(rep, 'okrAlign:updateKeyResult', { id, version: 2, custom: { mood: 'good' } });
    expect([unknown.status, unknown.errors?.[0]?.code]).toEqual([400, 'custom-field-unknown']);
    const cleared = await call(rep, 'okrAlign:updateKeyResult', { id, version: 2, custom: null });
    expect(cleared.data.custom).toBeNull();
    expect((await call(root, `okr_key_results:get?filterByTk=${id}`)).data.custom).toBeNull();
  });

  it('moves nothing into a locked cycle', async () => {
    const { id } = await create({ title: `${MARK} 锁定前` });
    const lock = await call(root, `okr_cycles:update?filterByTk=${CYCLE}`, { locked: true });
    expect(lock.status).toBe(200);
    try {
      const writes: [string, Caller, Record<string, unknown>][] = [
        ['createKeyResult', rep, kr()],
        ['updateKeyResult', rep, { id, version: 1, unit: '家' }],
        ['deleteKeyResult', manager, { id, version: 1 }],
        ['saveLink', rep, { krId: id, objectiveId: 'obj-new-energy', weight: 10 }],
        ['deleteLink', rep, { krId: 'kr-zhaomin-1', objectiveId: 'obj-new-energy', version: 1 }],
        [
          'moveLink',
          rep,
          {
            krId: 'kr-zhaomin-1',
            fromObjectiveId: 'obj-new-energy',
            version: 1,
            toObjectiveId: 'obj-key-accounts',
            weight: 10,
          },
        ],
      ];
      for (const [action, as, body] of writes) {
        const r = await call(as, `okrAlign:${action}`, body);
        expect([action, r.status, r.errors?.[0]?.code]).toEqual([action, 409, 'cycle-locked']);
      }
    } finally {
      await call(root, `okr_cycles:update?filterByTk=${CYCLE}`, { locked: false });
    }
    expect((await call(root, `okr_key_results:get?filterByTk=${id}`)).data).toMatchObject({
      version: 1,
      unit: '',
    });
    expect((await auditOf(`keyResult:${id}`)).map((a) => a.action)).toEqual(['keyResult.create']);
  });
});
