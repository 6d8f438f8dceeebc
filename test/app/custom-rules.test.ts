import { currentSettings } from '../../host/server/services/settings-service.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import { saveCheckIn } from '../../plugin/app/commands/check-ins.ts';
import {
  proposeCustomRules,
  publishCustomRules,
  rollbackCustomRules,
} from '../../plugin/app/commands/custom-rules.ts';
import { proposeSettings, publishSettings } from '../../plugin/app/commands/settings.ts';
import { LOW_CONFIDENCE_RULES } from '../../plugin/engine/custom-rules-examples.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

const LOW = 'custom.low-confidence';

// An admin adds "confidence ≤ customRules.lowConfidence.max in two check-ins in a row" without a file.
describe.each(DATABASES)('custom rules on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let admin: HostUser;
  let hr: HostUser;
  let zhaomin: HostUser;
  let adminClient: Client;
  let hrClient: Client;
  let salesClient: Client;

  const lowEventsOf = async (krId: string) =>
    (await server.storage.db.selectFrom('rule_events').selectAll().where('type', '=', LOW).execute())
      .map((r) => ({ subject: JSON.parse(r.subject), params: JSON.parse(r.params) }))
      .filter((e) => e.subject.krId === krId);

  /** Custom events of an evaluation now, with the custom rules in effect (what the rules run records). */
  const evaluatedLowEvents = async () => {
    const cycle = await currentCycle(server.storage.db, '2026-06-15');
    const { settings } = await currentSettings(server.storage.db);
    const snapshot = await loadSnapshot(server.storage.db, cycle!);
    const evaluation = await server.app.ctx.evaluator.evaluate(snapshot, settings, '2026-06-15');
    return evaluation.events.filter((e) => String(e.type) === LOW).length;
  };

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    admin = await userOf(server, 'person-zhoulei');
    hr = await userOf(server, 'person-linxue');
    zhaomin = await userOf(server, 'person-zhaomin');
    adminClient = await server.login(LOGINS.admin);
    hrClient = await server.login(LOGINS.hr);
    salesClient = await server.login(LOGINS.sales);
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('hr and sales may not propose; hr reads the rules, sales does not', async () => {
    const input = { document: LOW_CONFIDENCE_RULES, reason: '信心偏低预警' };
    expect(await refusalOf(run(server, hr, proposeCustomRules, input))).toMatchObject({ status: 403 });
    expect(await refusalOf(run(server, zhaomin, proposeCustomRules, input))).toMatchObject({ status: 403 });
    expect((await hrClient.post('/api/custom-rules/proposals', input)).status).toBe(403);
    expect((await hrClient.get('/api/custom-rules')).status).toBe(200);
    expect((await salesClient.get('/api/custom-rules')).status).toBe(403);
    expect((await salesClient.get('/api/custom-rules/versions')).status).toBe(403);
  });

  test('a rule that reads an unknown fact is refused with its path', async () => {
    const bad = structuredClone(LOW_CONFIDENCE_RULES);
    (bad.rules[0]!.conditions as { all: { fact: string }[] }).all[0]!.fact = 'person';
    const res = await adminClient.post('/api/custom-rules/proposals', { document: bad, reason: 'x' });
    expect([res.status, res.body.code]).toEqual([400, 'invalid-custom-rules']);
    expect(res.body.issues[0]).toMatchObject({ path: 'rules[0].conditions.all[0].fact' });
  });

  test('propose, preview, publish: two low-confidence check-ins record a rule event; rollback stops it', async () => {
    for (const month of ['2026-04', '2026-05'])
      await run(server, zhaomin, saveCheckIn, { krId: 'kr-zhaomin-1', month, value: 5, confidence: 2 });
    const proposal = await run(server, admin, proposeCustomRules, {
      document: LOW_CONFIDENCE_RULES,
      reason: '连续两次信心偏低时提醒',
    });
    expect(proposal).toMatchObject({ version: 1, status: 'proposed' });

    const preview = await adminClient.post('/api/custom-rules/preview', { version: 1 });
    expect(preview.status).toBe(200);
    expect(preview.body.removed).toBe(0);
    const east = preview.body.regions.find((r: { regionId: string }) => r.regionId === 'region-east');
    expect(east.regionName).toBeTruthy();
    expect(east.added).toContainEqual(
      expect.objectContaining({
        type: LOW,
        krId: 'kr-zhaomin-1',
        month: '2026-05',
        personName: zhaomin.name,
      }),
    );
    expect(await lowEventsOf('kr-zhaomin-1')).toEqual([]);

    await run(server, admin, publishCustomRules, { version: 1 });
    expect((await hrClient.post('/api/rules/run')).status).toBe(200);
    const recorded = await lowEventsOf('kr-zhaomin-1');
    expect(recorded).toContainEqual({
      subject: expect.objectContaining({ krId: 'kr-zhaomin-1', month: '2026-05' }),
      params: { confidence: 2 },
    });
    expect(recorded.some((e) => e.subject.month === '2026-04')).toBe(false);
    const current = await hrClient.get('/api/custom-rules');
    expect(current.body.current.version).toBe(1);
    expect(current.body.eventTypes.map((t: { type: string }) => t.type)).toEqual([LOW]);

    expect(await evaluatedLowEvents()).toBeGreaterThan(0);
    await run(server, admin, rollbackCustomRules, { toVersion: 0, reason: '先停用' });
    expect(await evaluatedLowEvents()).toBe(0);
    const back = await adminClient.post('/api/custom-rules/preview', { document: LOW_CONFIDENCE_RULES });
    expect(back.body.added).toBeGreaterThan(0);
    const versions = await hrClient.get('/api/custom-rules/versions');
    expect(versions.body.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    expect(versions.body[0]).toMatchObject({ current: true, rollbackOf: 0 });

    expect((await auditActions(server, 'customRules', '1')).map((a) => [a.action, a.actorId])).toEqual([
      ['rules.propose', 'person-zhoulei'],
      ['rules.publish', 'person-zhoulei'],
    ]);
    expect((await auditActions(server, 'customRules', '2')).map((a) => a.action)).toEqual(['rules.rollback']);
  });

  test('HR tunes the declared setting in the settings: range checked, the rule reads it', async () => {
    await run(server, admin, proposeCustomRules, { document: LOW_CONFIDENCE_RULES, reason: '再启用' });
    const [latest] = (await hrClient.get('/api/custom-rules/versions')).body as { version: number }[];
    await run(server, admin, publishCustomRules, { version: latest!.version });
    const schema = (await hrClient.get('/api/settings/schema')).body;
    expect(schema.properties.customRules.properties.lowConfidence.properties.max).toMatchObject({
      title: '信心偏低上限',
      minimum: 0,
      maximum: 10,
      default: 3,
    });
    expect(await evaluatedLowEvents()).toBeGreaterThan(0);
    const { settings } = await currentSettings(server.storage.db);
    const tooHigh = await hrClient.post('/api/settings/proposals', {
      settings: { ...settings, customRules: { lowConfidence: { max: 11 } } },
      reason: '放宽',
    });
    expect([tooHigh.status, tooHigh.body.code, tooHigh.body.issues[0]]).toEqual([
      400,
      'invalid-settings',
      { path: 'customRules.lowConfidence.max', message: 'must be <= 10', reason: 'maximum', limit: 10 },
    ]);
    const strict = await run(server, hr, proposeSettings, {
      settings: { ...settings, customRules: { lowConfidence: { max: 1 } } },
      reason: '只提醒信心为 1 的',
    });
    await run(server, hr, publishSettings, { version: strict.version });
    expect(await evaluatedLowEvents()).toBe(0);
  });

  test('sales may not preview, publish or roll back', async () => {
    expect(
      (await salesClient.post('/api/custom-rules/preview', { document: LOW_CONFIDENCE_RULES })).status,
    ).toBe(403);
    expect((await hrClient.post('/api/custom-rules/versions/1/publish')).status).toBe(403);
    expect((await hrClient.post('/api/custom-rules/rollback', { toVersion: 1, reason: 'x' })).status).toBe(
      403,
    );
  });
});
