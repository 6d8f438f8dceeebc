import { LOGINS, startServer, type TestServer } from './helpers.ts';

const BOM = '\uFEFF';
const csv = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n'), 'utf8').toString('base64');
const mapping = { 销售: 'personId', 月份: 'month', 签约数: 'dealsSigned' };

describe('import refusals say what is accepted and what identifies a person', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const post = async (fileName: string, lines: string[]) => {
    const hr = await server.login(LOGINS.hr);
    return hr.post('/api/import/activities?dryRun=true', {
      fileName,
      contentBase64: csv(lines),
      mapping,
      mode: 'all-or-nothing',
    });
  };

  it('refuses a .txt sent as the web shell sends files, naming the accepted types', async () => {
    const res = await post('notes.txt', ['销售,月份,签约数', '赵敏,2026-05,1']);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import-not-a-workbook');
    expect(res.body.message).toMatch(/\.xlsx.*\.csv/);
  });

  it('gives the row, the column and the value of a person it cannot find', async () => {
    const res = await post('crm.csv', ['销售,月份,签约数', '赵敏,2026-05,1', '李雷,2026-05,2']);
    expect(res.body).toMatchObject({ dryRun: true, valid: 1, invalid: 1 });
    expect(res.body.issues).toEqual([
      expect.objectContaining({ row: 3, column: '销售', reason: 'unknown-person', value: '李雷' }),
    ]);
  });
});
