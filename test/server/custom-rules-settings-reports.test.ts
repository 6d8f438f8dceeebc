import ExcelJS from 'exceljs';
import { LOW_CONFIDENCE_RULES } from '../../plugin/engine/custom-rules-examples.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const MAX = 'customRules.lowConfidence.max';
const RULE = '连续两次信心偏低';

// A published custom rule declares a setting: HR tunes it in the settings (preview, publish), and the
// monthly report runs the custom rules with the setting in force, like the rules runner.
describe('a custom rule in the settings and the monthly report', { timeout: 60_000 }, () => {
  let server: TestServer;
  let admin: Client;
  let hr: Client;
  let krTitle: string;

  const settingsWith = async (max: number) => {
    const { settings } = (await hr.get('/api/settings')).body;
    return { ...settings, customRules: { lowConfidence: { max } } };
  };
  const mayReport = async () => {
    expect((await hr.post('/api/reports/calibration/generate', { month: '2026-05' })).status).toBe(201);
    return (await hr.get('/api/reports/calibration/2026-05')).body;
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(LOGINS.admin);
    hr = await server.login(LOGINS.hr);
    const sales = await server.login(LOGINS.sales);
    for (const month of ['2026-04', '2026-05']) {
      const res = await sales.put(`/api/key-results/kr-zhaomin-1/check-ins/${month}`, {
        value: 5,
        confidence: 2,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    krTitle = (await sales.get('/api/key-results/kr-zhaomin-1')).body.title;
  });
  afterAll(() => server?.close());

  it('without custom rules the report has no custom part', async () => {
    const report = await mayReport();
    expect(report.customAlerts).toBeUndefined();
  });

  it('the report lists what the published rule finds, by region, person and KR title, in words', async () => {
    const proposed = await admin.post('/api/custom-rules/proposals', {
      document: LOW_CONFIDENCE_RULES,
      reason: '连续两次信心偏低时提醒',
    });
    expect(proposed.status).toBe(201);
    expect((await admin.post(`/api/custom-rules/versions/${proposed.body.version}/publish`)).status).toBe(
      200,
    );
    const report = await mayReport();
    expect(report.customAlerts).toContainEqual({
      regionId: 'region-east',
      rule: LOW_CONFIDENCE_RULES.rules[0]!.title,
      person: '赵敏',
      about: krTitle,
      month: '2026-05',
    });
    expect(report.customAlerts.every((a: { month: string }) => a.month === '2026-05')).toBe(true);

    const south = await server.login(LOGINS.otherManager);
    const theirs = (await south.get('/api/reports/calibration/2026-05')).body;
    expect(theirs.customAlerts.some((a: { person: string }) => a.person === '赵敏')).toBe(false);

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: LOGINS.hr, password: 'demo1234' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${server.url}/api/reports/calibration/2026-05/workbook`, {
      headers: { cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('自定义规则提醒')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '区域',
      '规则',
      '负责人',
      '关于',
      '月份',
    ]);
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) =>
      (sheet.getRow(i + 3).values as unknown[]).slice(1),
    );
    expect(rows).toContainEqual(['华东', RULE, '赵敏', krTitle, '2026-05']);
    const page = await (
      await fetch(`${server.url}/api/reports/calibration/2026-05/page?lang=en-US`, { headers: { cookie } })
    ).text();
    expect(page).toContain('Custom rule alerts');
    expect(page).toContain('Low confidence in two check-ins in a row');
  });

  it('HR previews a change of the declared setting: the events it removes, by person and KR', async () => {
    const preview = await hr.post('/api/settings/preview', { settings: await settingsWith(1) });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.changes).toEqual([{ path: MAX, before: 3, after: 1 }]);
    expect(preview.body.customEvents.added).toBe(0);
    expect(preview.body.customEvents.removed).toBeGreaterThan(0);
    const east = preview.body.customEvents.regions.find(
      (r: { regionId: string }) => r.regionId === 'region-east',
    );
    expect(east.removed).toContainEqual(
      expect.objectContaining({ type: 'custom.low-confidence', krTitle, month: '2026-05' }),
    );
    const same = await hr.post('/api/settings/preview', { settings: await settingsWith(3) });
    expect(same.body.customEvents).toMatchObject({ added: 0, removed: 0 });
    const outside = await hr.post('/api/settings/preview', { settings: await settingsWith(-1) });
    expect([outside.status, outside.body.code, outside.body.issues[0]?.path]).toEqual([
      400,
      'invalid-settings',
      MAX,
    ]);
  });

  it('once HR publishes the stricter setting, the report no longer lists the event; audited', async () => {
    const proposed = await hr.post('/api/settings/proposals', {
      settings: await settingsWith(1),
      reason: '只提醒信心为 1 的',
    });
    expect(proposed.status).toBe(201);
    const byVersion = await hr.post('/api/settings/preview', { version: proposed.body.version });
    expect(byVersion.body.customEvents.removed).toBeGreaterThan(0);
    expect((await hr.post(`/api/settings/versions/${proposed.body.version}/publish`)).status).toBe(200);
    const versions = (await hr.get('/api/settings/versions')).body as {
      version: number;
      diff: { path: string }[];
    }[];
    const diff = versions.find((v) => v.version === proposed.body.version)?.diff ?? [];
    expect(diff.length > 0 && diff.every((d) => d.path.startsWith('customRules'))).toBe(true);
    const report = await mayReport();
    expect(report.customAlerts.some((a: { about: string }) => a.about === krTitle)).toBe(false);
    const audit = (await admin.get('/api/audit?subjectType=settings')).body as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['settings.propose', 'settings.publish']),
    );
  });
});
