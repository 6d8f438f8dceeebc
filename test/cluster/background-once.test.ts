import pg from 'pg';
import { RobotReceiver } from '../server/notify-receiver.ts';
import { freshDatabase, type Instance, login, startInstance, stopInstance } from './cluster-fixture.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const TIME_ZONE = 'Asia/Shanghai';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Local date and time in `TIME_ZONE`, `YYYY-MM-DD` and `HH:mm`. */
function localNow(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe.skipIf(!DATABASE_URL)('three instances: background work once per cluster', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let instances: Instance[] = [];
  let sql: pg.Client;
  const receiver = new RobotReceiver();

  beforeAll(async () => {
    db = await freshDatabase(DATABASE_URL!);
    await receiver.start();
    const env = { OKR_SCHEDULES: 'on', OKR_SCHEDULE_TICK_MS: '300' };
    instances = await Promise.all([0, 1, 2].map(() => startInstance(db.url, env)));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(instances.map((i) => stopInstance(i)));
    await receiver.stop();
    await db?.drop();
  }, 60_000);

  it('a webhook created on one instance is readable on the others (one sealing key)', async () => {
    const [a, , c] = instances as [Instance, Instance, Instance];
    const created = await fetch(`${a.base}/api/channels/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await login(a.base, 'zhoulei') },
      body: JSON.stringify({
        regionId: 'region-east',
        platform: 'dingtalk',
        name: 'east',
        url: receiver.robot('dingtalk', 'east', { secret: 'east-secret-0001' }),
        secret: 'east-secret-0001',
      }),
    });
    expect(created.status).toBe(201);
    const listed = await fetch(`${c.base}/api/channels/webhooks`, {
      headers: { cookie: await login(c.base, 'zhoulei') },
    });
    const view = ((await listed.json()) as { name: string; url: string; keyError?: string | null }[]).find(
      (w) => w.name === 'east',
    );
    expect(view?.keyError ?? null).toBeNull();
    expect(view?.url).toContain('127.0.0.1');
    const keys = await sql.query<{ name: string }>('select name from cluster_keys order by name');
    expect(keys.rows.map((r) => r.name)).toEqual(['qr-signing', 'webhook-sealing']);
  });

  it('a calibration reminder due now reaches each rep once and each robot once', async () => {
    const [a, b] = instances as [Instance, Instance, Instance];
    const cookie = await login(b.base, 'zhoulei');
    const south = await fetch(`${b.base}/api/channels/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        regionId: 'region-south',
        platform: 'feishu',
        name: 'south',
        url: receiver.robot('feishu', 'south', { secret: 'south-secret-002' }),
        secret: 'south-secret-002',
      }),
    });
    expect(south.status).toBe(201);

    const local = localNow(new Date(Date.now() - 2 * 60_000));
    const day = Number(local.date.slice(8));
    const month = previousMonth(localNow(new Date()).date);
    // Two reps, one in each region with a robot, have not checked in for last month.
    await sql.query(
      "delete from check_ins where month = $1 and (kr_id like 'kr-zhaomin-%' or kr_id like 'kr-zhengkai-%')",
      [month],
    );
    const hr = await login(a.base, 'linxue');
    const current = (await (await fetch(`${a.base}/api/schedules`, { headers: { cookie: hr } })).json()) as {
      version: number;
      document: Record<string, unknown> & { calibrationReminder: Record<string, unknown> };
    };
    const document = {
      ...current.document,
      timeZone: TIME_ZONE,
      calibrationReminder: { ...current.document.calibrationReminder, dayOfMonth: day, time: local.time },
    };
    const saved = await fetch(`${a.base}/api/schedules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: hr },
      body: JSON.stringify({ document, reason: 'cluster test: due now', baseVersion: current.version }),
    });
    expect(saved.status).toBe(200);

    const deadline = Date.now() + 30_000;
    let rows: { channel: string; recipient: string; status: string }[] = [];
    while (Date.now() < deadline) {
      rows = (
        await sql.query(
          "select channel, recipient, status from notify_deliveries where schedule_id = 'calibration-reminder'",
        )
      ).rows;
      if (rows.some((r) => r.channel === 'webhook') && rows.every((r) => r.status === 'sent')) break;
      await sleep(200);
    }
    expect(rows.filter((r) => r.channel === 'webhook').length).toBe(2);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // More ticks on every instance change nothing; each webhook delivery (of any schedule due today,
    // the daily alerts too) made exactly one call to its robot.
    await sleep(1_500);
    const perRobot = await sql.query<{ name: string; n: number; attempts: number }>(
      `select w.name, count(*)::int as n, max(d.attempts)::int as attempts from notify_deliveries d
       join notify_webhooks w on w.id = d.webhook_id where d.status = 'sent' group by w.name`,
    );
    const sent = Object.fromEntries(perRobot.rows.map((r) => [r.name, r.n]));
    expect(perRobot.rows.every((r) => r.attempts === 1)).toBe(true);
    expect(receiver.callsTo('dingtalk', 'east')).toBe(sent.east);
    expect(receiver.callsTo('feishu', 'south')).toBe(sent.south);
    expect(receiver.received.every((r) => r.problem === null)).toBe(true);
    const inApp = rows.filter((r) => r.channel === 'in-app').map((r) => r.recipient.slice('person:'.length));
    expect(inApp).toEqual(expect.arrayContaining(['person-zhaomin', 'person-zhengkai']));
    const notes = await sql.query<{ person_id: string; n: number }>(
      "select person_id, count(*)::int as n from notifications where kind = 'schedule.calibration-reminder' group by person_id",
    );
    expect(notes.rows.map((r) => r.person_id).sort()).toEqual([...inApp].sort());
    expect(notes.rows.every((r) => r.n === 1)).toBe(true);
  }, 60_000);
});
