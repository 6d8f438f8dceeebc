import { eventOfAudit, eventsAfterRules, LIFECYCLE_AUDIT_ACTIONS } from './lifecycle-events.ts';

const reads = { poolRunQuarter: async (id: string) => (id === 'run-1' ? '2026-Q2' : undefined) };
const row = (action: string, subjectId: string, after: unknown) => ({
  id: 7,
  at: '2026-04-01T08:00:00Z',
  action,
  subjectId,
  after,
});

describe('lifecycle events from audit rows, the same on every host', () => {
  it('maps each lifecycle action to its trigger and subject, and nothing else', async () => {
    expect(LIFECYCLE_AUDIT_ACTIONS).toContain('peerReviewWindow.open');
    const cases: [string, string, unknown, unknown][] = [
      [
        'checkIn.update',
        'ci-1',
        { krId: 'kr1', month: '2026-03', value: 40, resourceRequest: { amount: 5000 } },
        {
          trigger: 'checkin-submitted',
          subject: { krId: 'kr1', month: '2026-03' },
          params: { value: 40, amount: 5000 },
        },
      ],
      [
        'escalation.raise',
        'esc-1',
        { krId: 'kr1', month: '2026-03', reason: 'red' },
        {
          trigger: 'escalation-raised',
          subject: { escalationId: 'esc-1', krId: 'kr1', month: '2026-03' },
          params: { reason: 'red' },
        },
      ],
      [
        'pool.release',
        'run-1',
        {},
        { trigger: 'pool-released', subject: { quarter: '2026-Q2' }, params: {} },
      ],
      [
        'settings.rollback',
        '4',
        { version: 4 },
        { trigger: 'settings-published', subject: {}, params: { version: 4 } },
      ],
      [
        'peerReviewWindow.open',
        '2026-Q2',
        { quarter: '2026-Q2', closesOn: '2026-04-15' },
        {
          trigger: 'peer-review-opened',
          subject: { quarter: '2026-Q2' },
          params: { closesOn: '2026-04-15' },
        },
      ],
    ];
    for (const [action, subjectId, after, expected] of cases)
      expect(await eventOfAudit(row(action, subjectId, after), reads)).toEqual({
        id: 'audit:7',
        at: '2026-04-01T08:00:00Z',
        ...(expected as object),
      });
    expect(await eventOfAudit(row('keyResult.update', 'kr1', {}), reads)).toBeNull();
  });

  it('gives a check-in its month’s colour and adds the overdue escalations once per escalation', async () => {
    const checkIn = (await eventOfAudit(
      row('checkIn.create', 'ci-1', { krId: 'kr1', month: '2026-03', value: 1 }),
      reads,
    ))!;
    const events = eventsAfterRules({
      ruleEvents: [],
      lifecycle: [checkIn],
      colours: [{ krId: 'kr1', month: '2026-03', colour: 'red', amberStreak: 0, redStreak: 2 } as never],
      snapshot: {
        escalations: [
          {
            id: 'esc-1',
            krId: 'kr1',
            month: '2026-03',
            raisedAt: '2026-03-01T00:00:00Z',
            resolvedAt: null,
          } as never,
        ],
      },
      settings: { alerts: { escalationResponseTargetDays: 3 } } as never,
      today: '2026-03-10',
    });
    expect(events.map((e) => [e.id, e.trigger, e.params])).toEqual([
      ['audit:7', 'checkin-submitted', { value: 1, colour: 'red', amberStreak: 0, redStreak: 2 }],
      ['overdue:esc-1', 'escalation-overdue', { days: 9 }],
    ]);
  });
});
