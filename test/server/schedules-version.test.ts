import { LOGINS, startServer, type TestServer } from './helpers.ts';

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`schedule saves carry their base version on ${name}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer({ databaseUrl });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('refuses the second of two saves from the same base, with the first one intact', async () => {
      const hr = await server.login(LOGINS.hr);
      const admin = await server.login(LOGINS.admin);
      const base = (await hr.get('/api/schedules')).body;
      const mine = structuredClone(base.document);
      mine.calibrationReminder.dayOfMonth = 3;
      const theirs = structuredClone(base.document);
      theirs.dailyAlerts.time = '09:15';

      const first = await hr.put('/api/schedules', {
        document: mine,
        reason: 'day 3',
        baseVersion: base.version,
      });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(base.version + 1);

      const second = await admin.put('/api/schedules', {
        document: theirs,
        reason: 'alerts at 09:15',
        baseVersion: base.version,
      });
      expect(second.status).toBe(409);
      expect(second.body.error).toBe('stale-version');
      expect(second.body.current).toMatchObject({ version: first.body.version, reason: 'day 3' });
      expect(second.body.current.document.calibrationReminder.dayOfMonth).toBe(3);

      const now = (await hr.get('/api/schedules')).body;
      expect(now.version).toBe(first.body.version);
      expect(now.document.calibrationReminder.dayOfMonth).toBe(3);
      expect(now.document.dailyAlerts.time).toBe(base.document.dailyAlerts.time);
      expect((await hr.get('/api/schedules/versions')).body).toHaveLength(first.body.version);

      // Applied again on top of the current version, the second change goes through and keeps the first.
      theirs.calibrationReminder.dayOfMonth = 3;
      const retried = await admin.put('/api/schedules', {
        document: theirs,
        reason: 'alerts at 09:15',
        baseVersion: now.version,
      });
      expect(retried.status).toBe(200);
      expect(retried.body.document).toMatchObject({
        calibrationReminder: { dayOfMonth: 3 },
        dailyAlerts: { time: '09:15' },
      });
    });

    it('lets exactly one of two simultaneous saves from the same base through', async () => {
      const hr = await server.login(LOGINS.hr);
      const base = (await hr.get('/api/schedules')).body;
      const docs = [4, 5].map((day) => {
        const doc = structuredClone(base.document);
        doc.calibrationReminder.dayOfMonth = day;
        return doc;
      });
      const replies = await Promise.all(
        docs.map((document, i) =>
          hr.put('/api/schedules', { document, reason: `race ${i}`, baseVersion: base.version }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = replies.find((r) => r.status === 200)!.body;
      const loser = replies.find((r) => r.status === 409)!.body;
      expect(loser.current.version).toBe(winner.version);
      const now = (await hr.get('/api/schedules')).body;
      expect(now.version).toBe(base.version + 1);
      expect(now.document.calibrationReminder.dayOfMonth).toBe(
        winner.document.calibrationReminder.dayOfMonth,
      );
    });

    it('refuses a save that names no base version', async () => {
      const hr = await server.login(LOGINS.hr);
      const { document } = (await hr.get('/api/schedules')).body;
      expect((await hr.put('/api/schedules', { document, reason: 'no base' })).status).toBe(400);
    });
  });
}
