import ExcelJS from 'exceljs';
import type { ImportResult } from '../../host/server/import/run-import.ts';
import { MAX_IMPORT_BYTES } from '../../host/server/routes/import.ts';
import { ACTIVITY_FIELDS as IMPORT_FIELDS_OF_ACTIVITIES } from '../../plugin/app/import-fields.ts';
import { BACKENDS, startServer, type TestServer } from './realtime-fixture.ts';

let server: TestServer;
const cookies = new Map<string, string>();

async function cookie(login: string): Promise<string> {
  if (!cookies.has(login)) cookies.set(login, await server.login(login));
  return cookies.get(login)!;
}

const BOM = '\uFEFF';
const activityMapping = {
  销售: 'personId',
  月份: 'month',
  签约数: 'dealsSigned',
  '签约金额（元）': 'dealsAmountCents',
  高毛利金额: 'highMarginAmountCents',
  拜访次数: 'clientVisits',
};
const HEADER = '销售,月份,签约数,签约金额（元）,高毛利金额,拜访次数';

async function postJson(kind: string, login: string, body: object, query = '') {
  const res = await fetch(`${server.base}/api/import/${kind}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await cookie(login) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as ImportResult & { message?: string; problems?: string[] },
  };
}

async function postFile(
  kind: string,
  login: string,
  file: Uint8Array,
  fileName: string,
  fields: Record<string, string>,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  const res = await fetch(`${server.base}/api/import/${kind}`, {
    method: 'POST',
    headers: { cookie: await cookie(login) },
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as ImportResult & { message?: string; code?: string },
  };
}

const csv = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n'), 'utf8').toString('base64');
const activities = () =>
  server.storage.db.selectFrom('activities').selectAll().orderBy('person_id').orderBy('month').execute();

describe.each(BACKENDS)('import on $name', (backend) => {
  beforeAll(async () => {
    cookies.clear();
    server = await startServer({ databaseUrl: backend.databaseUrl });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    await server.storage.db.deleteFrom('activities').execute();
    await server.storage.db.deleteFrom('key_accounts').execute();
  });

  describe('import of activity data', () => {
    it('imports a CSV with BOM and Chinese headers, money in yuan stored as exact cents', async () => {
      const file = csv([
        HEADER,
        '张三,2026-01,3,"12,345.67",5000,12',
        'li,2026/02,0,0,0,4',
        '王五,2026年3月,1,0.1,0.1,2',
      ]);
      const { status, body } = await postJson('activities', 'hr', {
        contentBase64: file,
        fileName: 'crm.csv',
        mapping: activityMapping,
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        refused: false,
        total: 3,
        valid: 3,
        invalid: 0,
        created: 3,
        updated: 0,
        issues: [],
      });
      const rows = await activities();
      expect(
        rows.map((r) => [
          r.person_id,
          r.month,
          r.deals_signed,
          Number(r.deals_amount_cents),
          Number(r.high_margin_amount_cents),
        ]),
      ).toEqual([
        ['li', '2026-02', 0, 0, 0],
        ['wang', '2026-03', 1, 10, 10],
        ['zhang', '2026-01', 3, 1_234_567, 500_000],
      ]);
      // Unmapped fields start at 0 and keep their value on the next import.
      expect(rows[2]).toMatchObject({ proposals_sent: 0, client_visits: 12 });
      const again = await postJson('activities', 'hr', {
        contentBase64: csv(['销售,月份,提案数', '张三,2026-01,7']),
        mapping: { 销售: 'personId', 月份: 'month', 提案数: 'proposalsSent' },
      });
      expect(again.body).toMatchObject({ created: 0, updated: 1 });
      expect((await activities()).find((r) => r.person_id === 'zhang')).toMatchObject({
        proposals_sent: 7,
        client_visits: 12,
        deals_signed: 3,
      });
    });

    it('imports an .xlsx built with exceljs, uploaded as multipart', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('CRM导出');
      ws.addRow(['销售', '月份', '签约数', '签约金额（元）', '高毛利金额', '拜访次数']);
      ws.addRow(['张三', new Date(Date.UTC(2026, 0, 1)), 2, 12.34, 10, 5]);
      ws.addRow([
        { richText: [{ text: '李' }, { text: '四' }] },
        '2026-02',
        { formula: '1+1', result: 2 },
        100,
        0,
        3,
      ]);
      ws.addRow([]);
      ws.addRow(['wang', '2026-03', 1, 99.99, 99.99, 1]);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const { status, body } = await postFile('activities', 'hr', bytes, 'crm.xlsx', {
        mapping: JSON.stringify(activityMapping),
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 3, created: 3, issues: [] });
      const rows = await activities();
      expect(rows.map((r) => [r.person_id, r.month, r.deals_signed, Number(r.deals_amount_cents)])).toEqual([
        ['li', '2026-02', 2, 10_000],
        ['wang', '2026-03', 1, 9_999],
        ['zhang', '2026-01', 2, 1_234],
      ]);
    });

    const badFile = () =>
      csv([
        HEADER,
        '张三,2026-01,3,100,50,1', // good
        '赵六,2026-01,1,1,1,1', // unknown person
        '李四,2026-13,1,1,1,1', // month format
        '王五,2026-02,-1,1.005,1,x', // range, fraction of a cent, not a count
        '李四,2026-02,1,10,20,1', // high margin above deals
        'wang,2026-04,2,200,0,3', // good
        '张三,2026-01,3,100,50,1', // duplicate of row 2
      ]);

    it('refuses the whole file in all-or-nothing mode, with row, column and reason, and writes nothing', async () => {
      await postJson('activities', 'hr', {
        contentBase64: csv([HEADER, '张三,2026-01,9,9,9,9']),
        mapping: activityMapping,
      });
      const before = await activities();
      const audits = () =>
        server.storage.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'import.activities')
          .execute();
      const auditBefore = (await audits()).length;
      const { status, body } = await postJson('activities', 'hr', {
        contentBase64: badFile(),
        mapping: activityMapping,
        mode: 'all-or-nothing',
      });
      expect(status).toBe(422);
      expect(body).toMatchObject({ refused: true, total: 7, valid: 2, invalid: 5, created: 0, updated: 0 });
      expect(body.issues.map((i) => [i.row, i.column, i.reason])).toEqual([
        [3, '销售', 'unknown-person'],
        [4, '月份', 'month-format'],
        [5, '签约数', 'out-of-range'],
        [5, '签约金额（元）', 'fraction-of-cent'],
        [5, '拜访次数', 'not-a-count'],
        [6, '高毛利金额', 'high-margin-exceeds-deals'],
        [8, null, 'duplicate-row'],
      ]);
      // Nothing half-written: the good rows of the refused file are not there, the earlier row is unchanged.
      expect(await activities()).toEqual(before);
      expect(await audits()).toHaveLength(auditBefore);
    });

    it('imports the good rows and lists the bad ones in skip-bad-rows mode', async () => {
      const { status, body } = await postJson('activities', 'hr', {
        contentBase64: badFile(),
        mapping: activityMapping,
        mode: 'skip-bad-rows',
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ refused: false, valid: 2, invalid: 5, created: 2 });
      expect(body.issues).toHaveLength(7);
      expect((await activities()).map((r) => `${r.person_id}:${r.month}`)).toEqual([
        'wang:2026-04',
        'zhang:2026-01',
      ]);
    });

    it('previews without writing in a dry run', async () => {
      const { status, body } = await postJson(
        'activities',
        'hr',
        { contentBase64: badFile(), mapping: activityMapping, mode: 'skip-bad-rows' },
        '?dryRun=true',
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ dryRun: true, created: 2 });
      expect(body.preview).toEqual([
        expect.objectContaining({ personId: 'zhang', month: '2026-01', dealsAmountCents: 10_000 }),
        expect.objectContaining({ personId: 'wang', month: '2026-04' }),
      ]);
      expect(await activities()).toEqual([]);
    });

    it('lets a manager import only the people of their region', async () => {
      const file = csv([HEADER, '张三,2026-01,1,1,1,1', '王五,2026-01,1,1,1,1']);
      const { status, body } = await postJson('activities', 'mgr-east', {
        contentBase64: file,
        mapping: activityMapping,
      });
      expect(status).toBe(422);
      expect(body.issues).toEqual([
        { row: 3, column: '销售', field: 'personId', reason: 'person-outside-region', value: '王五' },
      ]);
      expect(await activities()).toEqual([]);
    });

    it('is refused to reps, and a mapping that does not fit is a 400 naming the problem', async () => {
      const file = csv([HEADER, '张三,2026-01,1,1,1,1']);
      expect(
        (await postJson('activities', 'zhang', { contentBase64: file, mapping: activityMapping })).status,
      ).toBe(403);
      const bad = await postJson('activities', 'hr', {
        contentBase64: file,
        mapping: { 销售: 'personId', 月: 'month', 拜访次数: 'visits' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual([
        expect.stringContaining('column "月" is not in the file'),
        expect.stringContaining('"visits" is not a field of activities'),
        'required field "month" has no column',
      ]);
      expect(
        (await postJson('activities', 'hr', { contentBase64: file, mapping: activityMapping, mode: 'some' }))
          .status,
      ).toBe(400);
      expect(
        (await postJson('nothing', 'hr', { contentBase64: file, mapping: activityMapping })).status,
      ).toBe(400);
      expect((await postJson('activities', 'hr', { mapping: activityMapping })).status).toBe(400);
    });
  });

  it('lists the fields a mapping can target', async () => {
    const res = await fetch(`${server.base}/api/import-fields`, {
      headers: { cookie: await cookie('mgr-east') },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kinds: Record<string, Record<string, { required: boolean }>> };
    expect(body.kinds.activities?.month).toEqual({ type: 'month', required: true });
    expect(Object.keys(body.kinds.keyAccounts ?? {})).toEqual(['id', 'name', 'ownerId', 'lastContactAt']);
    const rep = await fetch(`${server.base}/api/import-fields`, {
      headers: { cookie: await cookie('zhang') },
    });
    expect(rep.status).toBe(403);
  });

  it('offers an .xlsx template per kind whose example row imports as it is', async () => {
    const res = await fetch(`${server.base}/api/import-template/activities?lang=zh-CN`, {
      headers: { cookie: await cookie('mgr-east') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('okr-import-activities-zh-CN.xlsx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const [data, formats] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(data.getRow(1).values).toEqual([
      undefined,
      '销售人员',
      '月份',
      '签约单数',
      '签约金额',
      '高毛利签约金额',
      '客户拜访次数',
      '已发方案数',
      '中标方案数',
      '回款金额',
    ]);
    expect(formats.getRow(2).values).toEqual([
      undefined,
      '销售人员',
      'personId',
      '是',
      expect.stringContaining('姓名或编号'),
    ]);
    const headers = (data.getRow(1).values as string[]).slice(1);
    const mapping = Object.fromEntries(
      headers.map((h, i) => [h, Object.keys(IMPORT_FIELDS_OF_ACTIVITIES)[i]]),
    );
    const imported = await postFile('activities', 'hr', bytes, 'template.xlsx', {
      mapping: JSON.stringify(mapping),
    });
    expect(imported.body).toMatchObject({ total: 1, valid: 1, created: 1, issues: [] });
    const en = await fetch(`${server.base}/api/import-template/keyAccounts?lang=en-US`, {
      headers: { cookie: await cookie('hr') },
    });
    expect(en.status).toBe(200);
    const rep = await fetch(`${server.base}/api/import-template/activities`, {
      headers: { cookie: await cookie('zhang') },
    });
    expect(rep.status).toBe(403);
  });

  it('refuses a .txt file and random bytes with import-not-a-workbook', async () => {
    const text = new TextEncoder().encode('销售,月份\n张三,2026-01\n');
    const txt = await postFile('activities', 'hr', text, 'notes.txt', {
      mapping: JSON.stringify(activityMapping),
    });
    expect(txt).toMatchObject({ status: 400, body: { code: 'import-not-a-workbook' } });
    const random = new Uint8Array(2048).map((_, i) => (i * 131) % 251);
    const bin = await postFile('activities', 'hr', random, 'crm.xlsx', {
      mapping: JSON.stringify(activityMapping),
    });
    expect(bin).toMatchObject({ status: 400, body: { code: 'import-not-a-workbook' } });
    expect(await activities()).toEqual([]);
  });

  it('refuses an oversized upload with 413 and a clear message', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    const res = await postFile('activities', 'hr', big, 'huge.csv', {
      mapping: JSON.stringify(activityMapping),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'import-file-too-large',
      message: expect.stringMatching(/larger than/),
    });
    expect(await activities()).toEqual([]);
  });

  describe('import of key accounts', () => {
    it('creates and updates accounts by id, else by name and owner', async () => {
      const mapping = { 客户编号: 'id', 客户名称: 'name', 负责人: 'ownerId', 最近联系: 'lastContactAt' };
      const first = await postJson('keyAccounts', 'hr', {
        contentBase64: csv([
          '客户编号,客户名称,负责人,最近联系',
          'ka-1,宁德储能,张三,2026-03-05',
          ',华北电网,wang,2026/4/1',
          ',空白客户,李四,',
        ]),
        mapping,
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ created: 3, updated: 0 });
      const second = await postJson('keyAccounts', 'hr', {
        contentBase64: csv([
          '客户编号,客户名称,负责人,最近联系',
          'ka-1,宁德储能,张三,2026-05-06',
          ',华北电网,wang,2099-01-01',
          ',空白客户,李四,2026-02-30',
        ]),
        mapping,
        mode: 'skip-bad-rows',
      });
      expect(second.body.issues.map((i) => [i.row, i.reason])).toEqual([
        [3, 'date-in-future'],
        [4, 'date-format'],
      ]);
      const rows = await server.storage.db.selectFrom('key_accounts').selectAll().orderBy('name').execute();
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.id === 'ka-1')).toMatchObject({
        last_contact_at: '2026-05-06',
        owner_id: 'zhang',
      });
      expect(rows.find((r) => r.name === '华北电网')).toMatchObject({ last_contact_at: '2026-04-01' });
      expect(rows.find((r) => r.name === '空白客户')).toMatchObject({ last_contact_at: null });
    });

    it('does not let a manager take over an account of another region by its id', async () => {
      await postJson('keyAccounts', 'hr', {
        contentBase64: csv(['id,name,owner', 'ka-n,北方客户,wang']),
        mapping: { id: 'id', name: 'name', owner: 'ownerId' },
      });
      const res = await postJson('keyAccounts', 'mgr-east', {
        contentBase64: csv(['id,name,owner', 'ka-n,北方客户,张三']),
        mapping: { id: 'id', name: 'name', owner: 'ownerId' },
      });
      expect(res.status).toBe(422);
      expect(res.body.issues).toEqual([
        expect.objectContaining({ row: 2, column: 'id', reason: 'person-outside-region' }),
      ]);
      const row = await server.storage.db
        .selectFrom('key_accounts')
        .selectAll()
        .where('id', '=', 'ka-n')
        .executeTakeFirstOrThrow();
      expect(row.owner_id).toBe('wang');
    });
  });
});
