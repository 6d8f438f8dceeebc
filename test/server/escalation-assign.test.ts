import { escalationAssignees } from '../../plugin/sdk/escalation-assignees.ts';
import { LOGINS, startServer, type TestServer } from './helpers.ts';

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`escalation assignees on ${name}`, () => {
    let server: TestServer;
    let id = '';

    beforeAll(async () => {
      server = await startServer({ databaseUrl });
      const sales = await server.login(LOGINS.sales);
      const raised = await sales.post('/api/escalations', {
        krId: 'kr-zhaomin-1',
        month: '2026-06',
        reason: 'blocker',
      });
      expect(raised.status).toBe(201);
      id = raised.body.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('accepts only the region manager, HR and admins, and keeps the assignee on a refusal', async () => {
      const manager = await server.login(LOGINS.manager);
      for (const stranger of ['person-sunhao', 'person-huangweiming', 'person-wangjianguo']) {
        const res = await manager.post(`/api/escalations/${id}/assign`, { assigneeId: stranger });
        expect(res.status, stranger).toBe(400);
        expect(res.body.error).toBe('not-an-assignee');
        expect(res.body.message).toContain('person-linxue');
      }
      const open = await manager.get('/api/escalations?state=open');
      expect(open.body.find((e: { id: string }) => e.id === id).assigneeId).toBe('person-chenzhiqiang');

      for (const ok of ['person-linxue', 'person-zhoulei', 'person-chenzhiqiang']) {
        const res = await manager.post(`/api/escalations/${id}/assign`, { assigneeId: ok });
        expect(res.status, ok).toBe(200);
        expect(res.body.assigneeId).toBe(ok);
      }
    });

    it('offers in the browser exactly the people the server accepts', async () => {
      const hr = await server.login(LOGINS.hr);
      const people = (await hr.get('/api/people')).body as Parameters<typeof escalationAssignees>[1];
      const subject = {
        type: 'escalation' as const,
        ownerPersonId: 'person-zhaomin',
        regionId: 'region-east',
      };
      const offered = new Set(escalationAssignees(subject, people).map((p) => p.id));
      for (const person of people as { id: string }[]) {
        const res = await hr.post(`/api/escalations/${id}/assign`, { assigneeId: person.id });
        expect(res.status === 200, person.id).toBe(offered.has(person.id));
      }
    });
  });
}
