import { pickCurrentCycle } from '../../plugin/app/current-cycle.ts';
import { makeCycle } from '../../plugin/domain/test-factories.ts';

const h1 = makeCycle({ id: 'h1', start: '2026-01-01', end: '2026-06-30' });
const h2 = makeCycle({ id: 'h2', start: '2026-07-01', end: '2026-12-31' });
const later = makeCycle({ id: 'y27', start: '2027-03-01', end: '2027-12-31' });

// The one rule both hosts use for "the current cycle".
describe('pickCurrentCycle', () => {
  it.each([
    ['2026-03-15', 'h1', 'the cycle containing today'],
    ['2026-07-01', 'h2', 'from its first day'],
    ['2027-01-20', 'h2', 'between cycles: the latest that started'],
    ['2025-12-01', 'h1', 'before every cycle: the first'],
  ])('on %s picks %s (%s)', (today, id) => {
    expect(pickCurrentCycle([later, h2, h1], today)?.id).toBe(id);
  });

  it('has none without cycles', () => {
    expect(pickCurrentCycle([], '2026-03-15')).toBeNull();
  });
});
