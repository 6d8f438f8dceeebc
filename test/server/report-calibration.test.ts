import ExcelJS from 'exceljs';
import { currentSettings } from '../../host/server/services/settings-service.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import { alignmentRate, highMarginShare } from '../../plugin/domain/index.ts';
import { LOGINS, startServer, type TestServer } from './helpers.ts';

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`monthly calibration report on ${name}`, () => {
    let server: TestServer;
    let cookie: string;

    beforeAll(async () => {
      server = await startServer({ databaseUrl });
      const hr = await server.login(LOGINS.hr);
      const made = await hr.post('/api/reports/calibration/generate', { month: '2026-05' });
      expect(made.status).toBe(201);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: LOGINS.hr, password: 'demo1234' }),
      });
      cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    });
    afterAll(() => server?.close());

    const download = (path: string, c = cookie) => fetch(`${server.url}${path}`, { headers: { cookie: c } });

    it('lists the generated report', async () => {
      const hr = await server.login(LOGINS.hr);
      expect((await hr.get('/api/reports/calibration')).body.map((r: { month: string }) => r.month)).toEqual([
        '2026-05',
      ]);
    });

    it('reads back as a workbook with one sheet per part, Chinese and English header rows, numbers as numbers', async () => {
      const res = await download('/api/reports/calibration/2026-05/workbook');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const book = await workbookOf(res);
      expect(book.worksheets.map((s) => s.name)).toEqual(['概览', '颜色', '升级事项', '目标健康雷达']);

      const summary = book.getWorksheet('概览')!;
      expect(rowValues(summary, 1).slice(0, 3)).toEqual(['区域', 'KR 数', '绿灯']);
      expect(rowValues(summary, 2).slice(0, 3)).toEqual(['Region', 'KRs', 'Green']);
      // Six regions and the HQ total.
      expect(summary.rowCount).toBe(2 + 7);
      const hq = rowValues(summary, 9);
      expect(hq[0]).toBe('总部（全部区域）');
      for (const cell of hq.slice(1, 7)) expect(typeof cell).toBe('number');

      // The numbers are the domain's, computed here independently from the stored data.
      const cycle = (await currentCycle(server.storage.db, '2026-05-15'))!;
      const snapshot = await loadSnapshot(server.storage.db, cycle);
      const { settings } = await currentSettings(server.storage.db);
      const [krs, green, amber, red, pending, rate, share] = hq.slice(1, 8) as number[];
      expect(krs).toBe(snapshot.keyResults.length);
      expect(green! + amber! + red! + pending!).toBe(krs);
      expect(rate).toBeCloseTo(
        alignmentRate(snapshot.keyResults, snapshot.objectives, settings, '2026-06-15').rate * 100,
        1,
      );
      expect(share).toBeCloseTo(
        highMarginShare(snapshot.activities.filter((a) => a.month === '2026-05'))! * 100,
        1,
      );

      const colours = book.getWorksheet('颜色')!;
      expect(rowValues(colours, 2)).toEqual([
        'Region',
        'Owner',
        'Key result',
        'Colour',
        'Pace (%)',
        'Check-in missing',
      ]);
      expect(colours.rowCount).toBe(2 + snapshot.keyResults.length);
      const paces = Array.from(
        { length: colours.rowCount - 2 },
        (_, i) => colours.getRow(i + 3).getCell(5).value,
      );
      expect(paces.some((p) => typeof p === 'number')).toBe(true);
      expect(paces.every((p) => typeof p === 'number' || p === null)).toBe(true);

      const escalations = book.getWorksheet('升级事项')!;
      const mayEscalations = snapshot.escalations.filter((e) => e.month === '2026-05');
      expect(escalations.rowCount).toBe(2 + mayEscalations.length);
      const resolved = mayEscalations.filter((e) => e.resolvedAt !== null).length;
      const days = Array.from(
        { length: mayEscalations.length },
        (_, i) => escalations.getRow(i + 3).getCell(8).value,
      );
      expect(days.filter((d) => typeof d === 'number')).toHaveLength(resolved);

      const radar = book.getWorksheet('目标健康雷达')!;
      expect(rowValues(radar, 2)).toEqual(
        [
          'Region',
          'signedDeals',
          'clientVisits',
          'proposalConversion',
          'keyClientCoverage',
          'highMarginShare',
          'krPace',
        ].map((k, i) => (i === 0 ? k : expect.any(String))),
      );
      const radarHq = rowValues(radar, radar.rowCount);
      for (const v of radarHq.slice(1)) {
        expect(typeof v).toBe('number');
        expect(v as number).toBeGreaterThanOrEqual(0);
        expect(v as number).toBeLessThanOrEqual(100);
      }
    });

    it('gives a manager only their own region', async () => {
      const manager = await server.login(LOGINS.manager);
      const own = await manager.get('/api/reports/calibration/2026-05');
      expect(own.status).toBe(200);
      expect(own.body.summary.map((s: { scope: string }) => s.scope)).toEqual(['region-east']);
      expect(own.body.colours.every((c: { regionId: string }) => c.regionId === 'region-east')).toBe(true);
      expect((await manager.get('/api/reports/calibration/2026-05?scope=hq')).status).toBe(403);
      expect((await (await server.login(LOGINS.sales)).get('/api/reports/calibration/2026-05')).status).toBe(
        403,
      );
    });

    it('renders a printable page in Chinese by default and in English on request', async () => {
      const zh = await download('/api/reports/calibration/2026-05/page?scope=region-south');
      expect(zh.headers.get('content-type')).toContain('text/html');
      const html = await zh.text();
      expect(html).toContain('@media print');
      expect(html).toContain('月度校准报告');
      expect(html).toContain('华南');
      expect(html).not.toContain('华东');
      const en = await (await download('/api/reports/calibration/2026-05/page?lang=en-US')).text();
      expect(en).toContain('Monthly calibration report');
      expect(en).toContain('HQ (all regions)');
    });

    it('answers 404 for a month not generated', async () => {
      expect((await download('/api/reports/calibration/2026-02/workbook')).status).toBe(404);
    });
  });
}
