import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

describe('form overlays', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;

  beforeAll(async () => {
    server = await startServer({ seed: true });
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
  });
  afterAll(() => server.close());

  const overlay = {
    formId: 'check-in',
    entries: [{ op: 'relabel', field: 'blockers', title: { 'zh-CN': '卡点', 'en-US': 'Blockers' } }],
  };

  it('stores, versions, audits and deletes an overlay; everyone can read it', async () => {
    const created = await hr.put('/api/form-overlays/check-in', { overlay });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ formId: 'check-in', version: 1, overlay });
    expect((await sales.get('/api/form-overlays/check-in')).body.overlay).toEqual(overlay);
    expect((await sales.put('/api/form-overlays/check-in', { overlay, version: 1 })).status).toBe(403);

    expect((await hr.put('/api/form-overlays/check-in', { overlay })).status).toBe(409);
    const updated = await hr.put('/api/form-overlays/check-in', {
      overlay: { ...overlay, entries: [] },
      version: 1,
    });
    expect(updated.body.version).toBe(2);
    expect((await hr.delete('/api/form-overlays/check-in')).status).toBe(200);
    expect((await sales.get('/api/form-overlays/check-in')).status).toBe(404);

    const audit = (await hr.get('/api/audit?subjectType=formOverlay')).body.map(
      (a: { action: string }) => a.action,
    );
    expect(audit).toEqual(['overlay.delete', 'overlay.update', 'overlay.create']);
  });

  it('refuses expressions and documents that break the overlay schema', async () => {
    const expression = await hr.put('/api/form-overlays/check-in', {
      overlay: {
        formId: 'check-in',
        entries: [
          { op: 'relabel', field: 'blockers', title: { 'zh-CN': '{{ fetch("/x") }}', 'en-US': 'x' } },
        ],
      },
    });
    expect(expression.status).toBe(400);
    expect(expression.body.message).toMatch(/expressions/);
    const invalid = await hr.put('/api/form-overlays/check-in', {
      overlay: { formId: 'check-in', entries: [{ op: 'explode' }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid-overlay');
    const mismatch = await hr.put('/api/form-overlays/check-in', {
      overlay: { ...overlay, formId: 'activity' },
    });
    expect(mismatch.status).toBe(400);
  });
});
