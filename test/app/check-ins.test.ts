import { saveCheckIn } from '../../plugin/app/commands/check-ins.ts';
import { createKeyResult } from '../../plugin/app/commands/key-results.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, runAt, userOf } from './run-as.ts';

// checkIn.save through the reference host's route and through runCommand on its real Records.
describe.each(DATABASES)('check-in commands on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let sales: Client;
  let zhaomin: HostUser;
  let sunhao: HostUser;
  let southManager: HostUser;
  let eastManager: HostUser;
  /** A KR of zhaomin's proposed at kickoff with no check-ins yet (the demo has reported every past month). */
  let fresh: string;
  /** The KRs this suite proposed for zhaomin. */
  const made = new Set<string>();
  const newKr = async (at: string, title: string) => {
    const kr = await runAt(server, at, zhaomin, createKeyResult, {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      title,
      metric: 'number',
      baseline: 0,
      target: 8,
    });
    made.add(kr.id);
    return kr;
  };
  const url = (krId: string, month: string) => `/api/key-results/${krId}/check-ins/${month}`;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    sales = await server.login(LOGINS.sales);
    zhaomin = await userOf(server, 'person-zhaomin');
    sunhao = await userOf(server, 'person-sunhao');
    southManager = await userOf(server, 'person-huangweiming');
    eastManager = await userOf(server, 'person-chenzhiqiang');
    fresh = (await newKr('2026-01-05T09:00:00Z', '新签储能客户（校准测试）')).id;
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('creates then replaces the month, 201 then 200, each with an audit row', async () => {
    const first = await sales.put(url(fresh, '2026-06'), { value: 4, confidence: 6 });
    expect(first.status).toBe(201);
    const again = await sales.put(url(fresh, '2026-06'), {
      value: 5,
      confidence: 7,
      blockers: '缺样机',
    });
    expect([again.status, again.body.id, again.body.value]).toEqual([200, first.body.id, 5]);
    const audit = await auditActions(server, 'checkIn', first.body.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['checkIn.create', 'person-zhaomin'],
      ['checkIn.update', 'person-zhaomin'],
    ]);
    expect([audit[1]!.before.value, audit[1]!.after.value, audit[1]!.after.blockers]).toEqual([
      4,
      5,
      '缺样机',
    ]);
  });

  test('refuses a negative count and a value no one could mean, storing nothing', async () => {
    // kr-zhaomin-1 counts deals from 0 to 10: a count below 0 is a typo, not progress.
    const negative = await sales.put(url('kr-zhaomin-1', '2026-06'), { value: -5, confidence: 5 });
    expect([negative.status, negative.body.code, negative.body.params]).toEqual([
      400,
      'value-out-of-range',
      { value: -5, min: 0, max: 1e12 },
    ]);
    // Issue #14, byte for byte: the number as the client sent it.
    const huge = await sales.put(
      url('kr-zhaomin-1', '2026-06'),
      '{"value":99999999999999999999,"confidence":5}',
    );
    expect([huge.status, huge.body.code, huge.body.params.field, huge.body.params.reason]).toEqual([
      400,
      'invalid-request',
      'value',
      'maximum',
    ]);
    const unsure = await sales.put(url('kr-zhaomin-1', '2026-06'), { value: 3, confidence: 11 });
    expect([unsure.status, unsure.body.params.field]).toEqual([400, 'confidence']);
    const june = await sales.get('/api/check-ins?krId=kr-zhaomin-1&month=2026-06');
    expect(june.body.map((c: { value: number }) => c.value)).not.toContain(-5);
  });

  test('refuses negative money too, unless the KR itself reaches below zero (issue 14 bounds)', async () => {
    const loss = await refusalOf(
      run(server, zhaomin, saveCheckIn, {
        krId: 'kr-zhaomin-4',
        month: '2026-06',
        value: -20,
        confidence: 3,
      }),
    );
    expect([loss.status, loss.code, loss.params.min]).toEqual([400, 'value-out-of-range', 0]);
  });

  test('refuses a month outside the cycle and a KR that does not exist', async () => {
    const later = await sales.put(url('kr-zhaomin-1', '2099-01'), { value: 1, confidence: 5 });
    expect([later.status, later.body.code, later.body.params]).toEqual([
      400,
      'month-outside-cycle',
      { month: '2099-01' },
    ]);
    const nowhere = await refusalOf(
      run(server, zhaomin, saveCheckIn, { krId: 'kr-nobody', month: '2026-06', value: 1, confidence: 5 }),
    );
    expect(nowhere).toEqual({
      status: 404,
      code: 'not-found',
      params: { what: 'key-result', id: 'kr-nobody' },
    });
  });

  test('refuses a month before the KR existed with 422 month-before-kr naming the first month owed', async () => {
    // Proposed mid-June (the server's clock): May never had this KR, so no evaluation would count it.
    const june = await newKr('2026-06-15T08:00:00Z', '六月新增的储能客户');
    const before = await sales.get(`/api/check-ins?krId=${june.id}`);
    const may = await sales.put(url(june.id, '2026-05'), { value: 2, confidence: 6 });
    expect([may.status, may.body.code, may.body.params]).toEqual([
      422,
      'month-before-kr',
      { month: '2026-05', from: '2026-06' },
    ]);
    expect(may.body.message).toContain('2026-06');
    expect((await sales.get(`/api/check-ins?krId=${june.id}`)).body).toEqual(before.body);
    expect(await auditActions(server, 'keyResult', june.id)).toHaveLength(1);
    const owed = await sales.put(url(june.id, '2026-06'), { value: 2, confidence: 6 });
    expect(owed.status).toBe(201);
  });

  test('counts from the UTC month of creation: the calibration week of May is June already', async () => {
    // Day 3 of June is May's calibration week, but the KR was not there during May.
    const inCalibrationWeek = await newKr('2026-06-03T07:30:00Z', '校准周新增的关键结果');
    const may = { krId: inCalibrationWeek.id, month: '2026-05', value: 1, confidence: 5 };
    expect(await refusalOf(run(server, zhaomin, saveCheckIn, may))).toEqual({
      status: 422,
      code: 'month-before-kr',
      params: { month: '2026-05', from: '2026-06' },
    });
    // One second before June (UTC) it still owes May.
    const lastSecondOfMay = await newKr('2026-05-31T23:59:59Z', '五月最后一秒新增的关键结果');
    const saved = await run(server, zhaomin, saveCheckIn, { ...may, krId: lastSecondOfMay.id });
    expect([saved.created, saved.checkIn.month]).toEqual([true, '2026-05']);
  });

  test('lets the owner and the region’s manager report, no other rep or region', async () => {
    const body = { krId: fresh, month: '2026-05', value: 6, confidence: 5 };
    expect((await refusalOf(run(server, sunhao, saveCheckIn, body))).status).toBe(403);
    expect((await refusalOf(run(server, southManager, saveCheckIn, body))).status).toBe(403);
    const byManager = await run(server, eastManager, saveCheckIn, body);
    expect(byManager.created).toBe(true);
    const audit = await auditActions(server, 'checkIn', byManager.checkIn.id);
    expect(audit.map((a) => a.actorId)).toEqual(['person-chenzhiqiang']);
  });

  test('two first reports of one month at once leave one check-in (the second replaces it)', async () => {
    const body = (value: number) => ({ krId: fresh, month: '2026-01', value, confidence: 5 });
    const saved = await Promise.all([61, 62].map((v) => run(server, zhaomin, saveCheckIn, body(v))));
    expect(saved.map((s) => s.created).sort()).toEqual([false, true]);
    const rows = await sales.get(`/api/check-ins?krId=${fresh}&month=2026-01`);
    expect(rows.body).toHaveLength(1);
  });

  test('lists only check-ins of KRs the caller may read', async () => {
    const mine = (await sales.get('/api/check-ins?cycleId=cycle-2026-h1')).body as { krId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.krId.startsWith('kr-zhaomin-') || made.has(c.krId))).toBe(true);
  });

  test('changes nothing in a locked cycle', async () => {
    const admin = await server.login(LOGINS.admin);
    expect((await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: true })).status).toBe(200);
    try {
      const res = await sales.put(url('kr-zhaomin-3', '2026-06'), { value: 9, confidence: 9 });
      expect([res.status, res.body.code]).toEqual([409, 'cycle-locked']);
    } finally {
      await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: false });
    }
  });
});
