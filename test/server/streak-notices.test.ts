import type { RuleEvent } from '../../host/server/services/engine.ts';
import { splitStreaks, streakDigests } from '../../host/server/services/streak-notices.ts';
import { addMonths } from '../../plugin/domain/dates.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const escalate = (krId: string, month: string): RuleEvent =>
  ({ type: 'escalate', subject: { krId, month }, params: { colour: 'amber' } }) as RuleEvent;

describe('a lasting escalation streak is told once, then in a monthly digest', () => {
  it('splits a streak: its first month alone, the months it goes on into one digest per person', () => {
    const all = [escalate('kr-a', '2026-03'), escalate('kr-a', '2026-04'), escalate('kr-a', '2026-05')];
    all.push(escalate('kr-b', '2026-05'), escalate('kr-c', '2026-04'), escalate('kr-c', '2026-05'));
    const amber = {
      type: 'calibration-amber',
      subject: { krId: 'kr-a', month: '2026-04' },
      params: {},
    } as RuleEvent;
    const { single, continued } = splitStreaks([...all, amber], all);
    expect(single.map((e) => `${e.type} ${e.subject.krId} ${e.subject.month}`)).toEqual([
      'escalate kr-a 2026-03',
      'escalate kr-b 2026-05',
      'escalate kr-c 2026-04',
      'calibration-amber kr-a 2026-04',
    ]);
    const digests = streakDigests(continued, () => ['person-chen']);
    expect(digests).toEqual([
      { personId: 'person-chen', month: '2026-04', krIds: ['kr-a'] },
      { personId: 'person-chen', month: '2026-05', krIds: ['kr-a', 'kr-c'] },
    ]);
  });

  describe('on the reference host', () => {
    let server: TestServer;
    let manager: Client;
    beforeAll(async () => {
      server = await startServer();
      manager = await server.login(LOGINS.otherManager); // the south region has lasting streaks
      await (await server.login(LOGINS.hr)).post('/api/rules/run');
    });
    afterAll(() => server.close());

    it('never sends the escalation notice of one KR in two months in a row; the digest counts them', async () => {
      const notes = (await manager.get('/api/notifications')).body as {
        kind: string;
        subject: { krId?: string; month?: string };
        params: { count?: number };
      }[];
      const told = new Set(
        notes.filter((n) => n.kind === 'rule.escalate').map((n) => `${n.subject.krId}|${n.subject.month}`),
      );
      expect(told.size).toBeGreaterThan(0);
      for (const key of told) {
        const [krId, month] = key.split('|') as [string, string];
        expect(told.has(`${krId}|${addMonths(month, 1)}`)).toBe(false);
      }
      const digests = notes.filter((n) => n.kind === 'rule.escalate-digest');
      expect(digests.length).toBeGreaterThan(0);
      expect(digests.every((d) => typeof d.params.count === 'number' && d.params.count > 0)).toBe(true);
    });
  });
});
