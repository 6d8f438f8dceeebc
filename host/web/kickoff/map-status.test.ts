import { makeKr } from '../../../widgets/shared/factories.ts';
import { krStatusOf } from './map-status.ts';

const checkIn = (krId: string, month: string, value: number, submittedAt = `${month}-28T09:00:00Z`) => ({
  id: `${krId}-${month}-${value}`,
  krId,
  month,
  value,
  selfColour: null,
  colourNote: '',
  submittedAt,
  blockers: '',
  resourceRequest: null,
  confidence: 7,
});
const colour = (krId: string, month: string, c: 'green' | 'amber' | 'red') => ({
  krId,
  month,
  colour: c,
  pacePercent: 80,
  missing: false,
  checkInId: null,
  amberStreak: 0,
  redStreak: 0,
});

describe('the alignment map status of each KR', () => {
  it('takes progress from the newest check-in and colour from the newest month', () => {
    const a = makeKr({ id: 'kr-a', baseline: 0, target: 10 });
    const b = makeKr({ id: 'kr-b', baseline: 100, target: 200 });
    const none = makeKr({ id: 'kr-none' });
    const status = krStatusOf(
      [a, b, none],
      [
        checkIn('kr-a', '2026-02', 3),
        checkIn('kr-a', '2026-03', 6),
        checkIn('kr-b', '2026-03', 150),
        checkIn('kr-b', '2026-03', 120, '2026-03-20T09:00:00Z'),
      ],
      {
        colours: [
          colour('kr-a', '2026-03', 'amber'),
          colour('kr-a', '2026-02', 'green'),
          colour('kr-b', '2026-03', 'red'),
        ],
      },
    );
    expect(status).toEqual({
      'kr-a': { progress: 0.6, colour: 'amber' },
      'kr-b': { progress: 0.5, colour: 'red' },
      'kr-none': { progress: null, colour: null },
    });
  });
});
