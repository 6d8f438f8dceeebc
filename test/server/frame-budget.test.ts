import { FrameBudget } from '../../host/server/realtime/frame-budget.ts';

describe('frame budget (token bucket per board connection)', () => {
  const rate = { burst: 3, perSecond: 2, closeAfterRefused: 2 };

  it('passes a burst, refuses beyond it, and refills with time', () => {
    const budget = new FrameBudget(rate, 0);
    expect([budget.take(0), budget.take(0), budget.take(0)]).toEqual(['ok', 'ok', 'ok']);
    expect(budget.take(0)).toBe('refused');
    expect(budget.take(500)).toBe('ok');
    expect(budget.take(10_000)).toBe('ok');
    // Never more than the burst, however long the connection was quiet.
    expect([budget.take(10_000), budget.take(10_000), budget.take(10_000)]).toEqual(['ok', 'ok', 'refused']);
  });

  it('calls refusals in a row abuse; an accepted frame starts the count again', () => {
    const budget = new FrameBudget({ ...rate, burst: 1 }, 0);
    expect(budget.take(0)).toBe('ok');
    expect(budget.take(0)).toBe('refused');
    expect(budget.take(500)).toBe('ok');
    expect(budget.take(500)).toBe('refused');
    expect(budget.take(500)).toBe('abuse');
  });
});
