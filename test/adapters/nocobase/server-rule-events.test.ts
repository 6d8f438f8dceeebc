import { eventPersonId } from '../../../plugin/app/rule-events.ts';
import type { RuleEvent } from '../../../plugin/engine/index.ts';
import { demoSnapshot } from './demo.ts';

describe('rule events: the person an event is given to', () => {
  const snapshot = demoSnapshot();
  const escalate = (krId: string, personId?: string): RuleEvent => ({
    type: 'escalate',
    subject: { krId, month: '2026-03', ...(personId ? { personId } : {}) },
    params: {},
  });

  it("keeps a personal KR's owner and gives a region KR to the region's manager", () => {
    expect(eventPersonId(escalate('kr-zhaomin-1', 'person-zhaomin'), snapshot)).toBe('person-zhaomin');
    expect(eventPersonId(escalate('kr-region-east'), snapshot)).toBe('person-chenzhiqiang');
    expect(eventPersonId(escalate('kr-region-north'), snapshot)).toBe('person-liuyang');
  });

  it('picks the first manager by id when a region has several, and nobody when it has none', () => {
    const two = {
      ...snapshot,
      people: [
        ...snapshot.people,
        { ...snapshot.people.find((p) => p.id === 'person-chenzhiqiang')!, id: 'person-aaa' },
      ],
    };
    expect(eventPersonId(escalate('kr-region-east'), two)).toBe('person-aaa');
    const none = {
      ...snapshot,
      people: snapshot.people.filter((p) => p.regionId !== 'region-east' || p.role !== 'manager'),
    };
    expect(eventPersonId(escalate('kr-region-east'), none)).toBeNull();
    expect(
      eventPersonId({ type: 'pool-weights', subject: { quarter: '2026-Q1' }, params: {} }, snapshot),
    ).toBeNull();
  });
});
