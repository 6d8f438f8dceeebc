import ExcelJS from 'exceljs';
import { LOGINS, type Loose, startServer, type TestServer } from './helpers.ts';

async function template(client: Loose, lang = 'zh-CN'): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${client.base}/api/people-import/template?lang=${lang}`, {
    headers: { cookie: client.cookie },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

const upload = async (book: ExcelJS.Workbook) =>
  Buffer.from(await book.xlsx.writeBuffer()).toString('base64');

describe('people from the Excel template', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('round-trips: download the template, fill two rows, import, the people exist with audit rows', async () => {
    const admin = await server.login(LOGINS.admin);
    const book = await template(admin);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '角色', '区域', '上级', '季度基础奖金（元）']);
    const help = JSON.stringify(book.worksheets[1]!.getSheetValues());
    for (const word of ['销售', '经理', 'HR', '战略', '管理员', '华东']) expect(help).toContain(word);

    sheet.spliceRows(2, 1, ['钱新', '经理', '华东', '', 45000], ['孙小', '销售', '华东', '钱新', '30000.50']);
    const res = await admin.post('/api/people-import', {
      fileName: 'people.xlsx',
      contentBase64: await upload(book),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 2, valid: 2, created: 2, issues: [] });
    const people: Loose[] = (await admin.get('/api/people')).body;
    const boss = people.find((p) => p.name === '钱新');
    expect(boss).toMatchObject({ role: 'manager', regionId: 'region-east', baseBonusCents: 4_500_000 });
    expect(people.find((p) => p.name === '孙小')).toMatchObject({
      role: 'sales',
      managerId: boss.id,
      baseBonusCents: 3_000_050,
    });
    const audit = await server.storage.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', 'in', [boss.id])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['person.create']);
  });

  it('refuses the whole file with the row, the column and the allowed values of each bad cell', async () => {
    const admin = await server.login(LOGINS.admin);
    const book = await template(admin);
    const sheet = book.worksheets[0]!;
    sheet.spliceRows(
      2,
      1,
      ['周一', '销售', '华东'],
      ['吴二', '销售', '火星区'],
      ['郑三', '老板', '', '不存在的人'],
    );
    const res = await admin.post('/api/people-import', {
      fileName: 'people.xlsx',
      contentBase64: await upload(book),
    });
    expect(res.status).toBe(422);
    expect(res.body.created).toBe(0);
    const [region, role, manager] = res.body.issues;
    expect(region).toMatchObject({ row: 3, column: '区域', reason: 'unknown-region', value: '火星区' });
    expect(region.allowed).toContain('华东');
    expect(region.allowed).toHaveLength(6);
    expect(role).toMatchObject({
      row: 4,
      column: '角色',
      reason: 'unknown-role',
      allowed: ['销售', '经理', 'HR', '战略', '管理员'],
    });
    expect(manager).toMatchObject({ row: 4, column: '上级', reason: 'unknown-person', value: '不存在的人' });
    const people: Loose[] = (await admin.get('/api/people')).body;
    expect(people.some((p) => p.name === '周一')).toBe(false);
  });

  it('reads CSV too, and is for admins only', async () => {
    const admin = await server.login(LOGINS.admin);
    const csv = 'Name,Role,Region\n王五,HR,\n';
    const ok = await admin.post('/api/people-import', {
      fileName: 'p.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(ok.status).toBe(201);
    const hr = await server.login(LOGINS.hr);
    expect((await hr.get('/api/people-import/template')).status).toBe(403);
    expect((await hr.post('/api/people-import', { fileName: 'p.csv', contentBase64: 'YQ==' })).status).toBe(
      403,
    );
    const noName = await admin.post('/api/people-import', {
      fileName: 'p.csv',
      contentBase64: Buffer.from('Role\nHR\n').toString('base64'),
    });
    expect(noName.body.code).toBe('import-mapping');
  });
});
