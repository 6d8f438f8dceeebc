import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const KR = 'kr-zhaomin-1';
const title = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const overlay = (names: string[]) => ({
  formId: 'check-in',
  entries: [
    { op: 'add', name: 'customer', type: 'text', title: title('客户', 'Customer') },
    { op: 'add', name: 'visits', type: 'number', title: title('拜访', 'Visits') },
    {
      op: 'add',
      name: 'channel',
      type: 'select',
      title: title('渠道', 'Channel'),
      options: [
        { value: 'direct', label: title('直销', 'Direct') },
        { value: 'partner', label: title('渠道', 'Partner') },
      ],
    },
  ].filter((e) => names.includes(e.name)),
});

function customValuesSuite(name: string, databaseUrl?: string) {
  describe(name, () => {
    let server: TestServer;
    let hr: Client;
    let sales: Client;

    beforeAll(async () => {
      server = await startServer(databaseUrl ? { databaseUrl } : {});
      hr = await server.login(LOGINS.hr);
      sales = await server.login(LOGINS.sales);
    });
    afterAll(() => server?.close());

    it('keeps custom values of overlay fields with the check-in and returns them', async () => {
      const put = await hr.put('/api/form-overlays/check-in', {
        overlay: overlay(['customer', 'visits', 'channel']),
      });
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      const custom = { customer: '华东电网', visits: 4, channel: 'partner' };
      const saved = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
      expect(saved.body.custom).toEqual(custom);
      const read = await sales.get(`/api/check-ins?krId=${KR}&month=2026-06`);
      expect(read.body).toHaveLength(1);
      expect(read.body[0].custom).toEqual(custom);
      // Check-ins without custom values read as null.
      const may = await sales.get(`/api/check-ins?krId=${KR}&month=2026-05`);
      expect(may.body[0]).toHaveProperty('custom', null);

      // Omitting `custom` on a later edit keeps the stored values.
      const again = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, { value: 4, confidence: 6 });
      expect(again.body.custom).toEqual(custom);
    });

    it('refuses keys the overlay does not define and values of the wrong type', async () => {
      const unknown = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom: { mood: 'good' },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe('custom-field-unknown');
      const wrongType = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom: { visits: 'many' },
      });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error).toBe('custom-field-invalid');
      const badOption = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom: { channel: 'shop' },
      });
      expect(badOption.status).toBe(400);
      const nested = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom: { customer: { deep: true } },
      });
      expect(nested.status).toBe(400);
      const tooLong = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 3,
        confidence: 6,
        custom: { customer: 'x'.repeat(5000) },
      });
      expect(tooLong.status).toBe(400);
    });

    it('keeps values of fields HR has since removed when the record is edited', async () => {
      const current = (await hr.get('/api/form-overlays/check-in')).body;
      const put = await hr.put('/api/form-overlays/check-in', {
        overlay: overlay(['customer']),
        version: current.version,
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const stored = (await sales.get(`/api/check-ins?krId=${KR}&month=2026-06`)).body[0].custom;
      const edited = await sales.put(`/api/key-results/${KR}/check-ins/2026-06`, {
        value: 5,
        confidence: 7,
        custom: { ...stored, customer: '华南电网' },
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body.custom).toEqual({ customer: '华南电网', visits: 4, channel: 'partner' });
      // A removed field cannot be started on a record that never had it.
      const fresh = await sales.put(`/api/key-results/${KR}/check-ins/2026-04`, {
        value: 1,
        confidence: 5,
        custom: { visits: 2 },
      });
      expect(fresh.status).toBe(400);
    });

    it('keeps custom values of key results and objectives too', async () => {
      const krOverlay = {
        formId: 'key-result',
        entries: [{ op: 'add', name: 'segment', type: 'text', title: title('细分市场', 'Segment') }],
      };
      expect((await hr.put('/api/form-overlays/key-result', { overlay: krOverlay })).status).toBe(201);
      const objOverlay = {
        formId: 'objective',
        entries: [{ op: 'add', name: 'sponsor', type: 'text', title: title('发起人', 'Sponsor') }],
      };
      expect((await hr.put('/api/form-overlays/objective', { overlay: objOverlay })).status).toBe(201);

      const kr = (await sales.get(`/api/key-results/${KR}`)).body;
      expect(kr.custom).toBeNull();
      const patched = await sales.patch(`/api/key-results/${KR}`, {
        version: kr.version,
        custom: { segment: '电力' },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.custom).toEqual({ segment: '电力' });
      expect((await sales.get(`/api/key-results/${KR}`)).body.custom).toEqual({ segment: '电力' });
      const listed = (await sales.get('/api/key-results')).body as { id: string; custom: unknown }[];
      expect(listed.find((k) => k.id === KR)?.custom).toEqual({ segment: '电力' });
      const retitled = await sales.patch(`/api/key-results/${KR}`, {
        version: kr.version + 1,
        title: 'kept',
      });
      expect(retitled.body.custom).toEqual({ segment: '电力' });
      const unknown = await sales.patch(`/api/key-results/${KR}`, {
        version: kr.version + 2,
        custom: { sponsor: 'x' },
      });
      expect(unknown.status).toBe(400);

      const strategy = await server.login(LOGINS.strategy);
      const created = await strategy.post('/api/objectives', {
        cycleId: 'cycle-2026-h1',
        title: '新能源客户',
        weight: 1,
        custom: { sponsor: '王建国' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.custom).toEqual({ sponsor: '王建国' });
      const objectives = (await strategy.get('/api/objectives')).body as { id: string; custom: unknown }[];
      expect(objectives.find((o) => o.id === created.body.id)?.custom).toEqual({ sponsor: '王建国' });
      const bad = await strategy.patch(`/api/objectives/${created.body.id}`, {
        version: 1,
        custom: { segment: 'x' },
      });
      expect(bad.status).toBe(400);
      const cleared = await strategy.patch(`/api/objectives/${created.body.id}`, {
        version: 1,
        custom: null,
      });
      expect(cleared.body.custom).toBeNull();
    });
  });
}

customValuesSuite('custom form values (SQLite)');
describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL', () => {
  customValuesSuite('custom form values (PostgreSQL)', process.env.DATABASE_URL);
});
