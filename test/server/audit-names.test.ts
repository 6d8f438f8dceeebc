import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

interface Row {
  action: string;
  subjectType: string;
  subjectId: string;
  actor: { kind: string; name?: string };
  subjectName: string | null;
}

describe('GET /api/audit names who did it and to what', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  let krTitle: string;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
    krTitle = (await sales.get('/api/key-results/kr-zhaomin-1')).body.title;
  });
  afterAll(() => server.close());

  it('resolves the person and the KR and link titles on the server', async () => {
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    // The KR's reply has no link versions; a link that was never changed is at version 1.
    const existing = { objectiveId: (kr.links[0] as { objectiveId: string }).objectiveId, version: 1 };
    const path = `/api/key-results/kr-zhaomin-1/links/${existing.objectiveId}`;
    expect((await sales.put(path, { weight: 55, version: existing.version })).status).toBe(200);
    const rows = (await hr.get('/api/audit?subjectType=link')).body as Row[];
    const link = rows.find((r) => r.subjectId === `kr-zhaomin-1:${existing.objectiveId}`);
    expect(link?.actor).toEqual({ kind: 'person', name: '赵敏' });
    expect(link?.subjectName).toMatch(new RegExp(`^${krTitle} → .+`));
    expect(link?.subjectName).not.toContain(existing.objectiveId);
  });

  it('names rows the rules wrote in a demo install as the demo system, and escalations by their KR', async () => {
    expect((await hr.post('/api/rules/run')).status).toBe(200);
    const rows = (await hr.get('/api/audit?subjectType=escalation')).body as Row[];
    const opened = rows.filter((r) => r.action === 'escalation.open');
    expect(opened.length).toBeGreaterThan(0);
    for (const r of opened) {
      expect(r.actor).toEqual({ kind: 'demo' });
      expect(r.subjectName).toMatch(/ · \d{4}-\d{2}$/);
    }
  });

  it('keeps the audit log from sales and managers', async () => {
    expect((await sales.get('/api/audit')).status).toBe(403);
    expect((await (await server.login(LOGINS.manager)).get('/api/audit')).status).toBe(403);
  });
});
