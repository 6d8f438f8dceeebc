import { saveActivity } from '../../plugin/app/commands/activities.ts';
import {
  createKeyAccount,
  deleteKeyAccount,
  touchKeyAccount,
  updateKeyAccount,
} from '../../plugin/app/commands/key-accounts.ts';
import { listKeyAccounts } from '../../plugin/app/queries/activities.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

const measures = {
  dealsSigned: 2,
  dealsAmountCents: 1_200_000,
  highMarginAmountCents: 300_000,
  clientVisits: 9,
  proposalsSent: 4,
  proposalsWon: 1,
  collectionsCents: 500_000,
};

describe.each(DATABASES)('activity and key-account commands on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let hrClient: Client;
  const as: Record<string, HostUser> = {};

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    hrClient = await server.login(LOGINS.hr);
    for (const [key, person] of Object.entries({
      zhaomin: 'person-zhaomin',
      sunhao: 'person-sunhao',
      chen: 'person-chenzhiqiang',
      south: 'person-huangweiming',
      hr: 'person-linxue',
    }))
      as[key] = await userOf(server, person);
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('saves a person’s month of system data in whole cents, audited, for hr and their manager only', async () => {
    const body = { personId: 'person-zhaomin', month: '2026-06', ...measures };
    expect((await refusalOf(run(server, as.south!, saveActivity, body))).status).toBe(403);
    const saved = await run(server, as.chen!, saveActivity, body);
    expect(saved).toEqual(body);
    const http = await hrClient.put('/api/activities/person-zhaomin/2026-06', {
      ...measures,
      clientVisits: 10,
    });
    expect([http.status, http.body.clientVisits]).toEqual([200, 10]);
    const audit = await auditActions(server, 'activity', 'person-zhaomin:2026-06');
    expect(audit.slice(-2).map((a) => [a.action, a.actorId, a.after.clientVisits])).toEqual([
      ['activity.save', 'person-chenzhiqiang', 9],
      ['activity.save', 'person-linxue', 10],
    ]);
    const cents = await hrClient.put('/api/activities/person-zhaomin/2026-06', {
      ...measures,
      collectionsCents: 12.5,
    });
    expect([cents.status, cents.body.params.field]).toEqual([400, 'collectionsCents']);
    const negative = await hrClient.put('/api/activities/person-zhaomin/2026-06', {
      ...measures,
      dealsSigned: -1,
    });
    expect([negative.status, negative.body.params.reason]).toEqual([400, 'minimum']);
  });

  test('refuses a person who does not exist', async () => {
    const body = { personId: 'person-nobody', month: '2026-06', ...measures };
    expect(await refusalOf(run(server, as.hr!, saveActivity, body))).toEqual({
      status: 404,
      code: 'not-found',
      params: { what: 'person', id: 'person-nobody' },
    });
  });

  test('keeps key accounts of existing owners the caller may write, each change audited', async () => {
    const nobody = run(server, as.zhaomin!, createKeyAccount, { name: '无主客户', ownerId: 'person-nobody' });
    expect(await refusalOf(nobody)).toEqual({
      status: 400,
      code: 'unknown-owner',
      params: { id: 'person-nobody' },
    });
    const forOther = run(server, as.zhaomin!, createKeyAccount, {
      name: '别人的客户',
      ownerId: 'person-sunhao',
    });
    expect((await refusalOf(forOther)).status).toBe(403);
    const account = await run(server, as.zhaomin!, createKeyAccount, {
      name: '合肥储能集团',
      ownerId: 'person-zhaomin',
    });
    expect(account.lastContactAt).toBeNull();
    const touched = await run(server, as.zhaomin!, touchKeyAccount, { id: account.id });
    expect(touched.lastContactAt).toBe('2026-06-15');
    const toSouth = run(server, as.chen!, updateKeyAccount, { id: account.id, ownerId: 'person-zhengkai' });
    expect((await refusalOf(toSouth)).status).toBe(403);
    const renamed = await run(server, as.chen!, updateKeyAccount, {
      id: account.id,
      name: '合肥储能集团有限公司',
    });
    expect(renamed).toMatchObject({ name: '合肥储能集团有限公司', lastContactAt: '2026-06-15' });
    expect((await refusalOf(run(server, as.zhaomin!, deleteKeyAccount, { id: account.id }))).status).toBe(
      403,
    );
    expect(await run(server, as.chen!, deleteKeyAccount, { id: account.id })).toEqual({ ok: true });
    expect(await refusalOf(run(server, as.chen!, touchKeyAccount, { id: account.id }))).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    const audit = await auditActions(server, 'keyAccount', account.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['keyAccount.create', 'person-zhaomin'],
      ['keyAccount.touch', 'person-zhaomin'],
      ['keyAccount.update', 'person-chenzhiqiang'],
      ['keyAccount.delete', 'person-chenzhiqiang'],
    ]);
  });

  test('lists only the key accounts of people the caller may read', async () => {
    const mine = await run(server, as.zhaomin!, listKeyAccounts, {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.ownerId === 'person-zhaomin')).toBe(true);
    const east = await run(server, as.chen!, listKeyAccounts, {});
    expect(east.map((a) => a.ownerId)).toContain('person-sunhao');
  });
});
