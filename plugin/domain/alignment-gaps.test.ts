import { defaultSettings } from '../engine/default-rules.ts';
import { biggestGap, factorPoints } from './alignment-gaps.ts';

const settings = defaultSettings();
const factors = (over: Partial<Parameters<typeof biggestGap>[0]>) => ({
  linked: false,
  focusMatch: 0,
  rationale: false,
  managerConfirmed: false,
  ...over,
});

describe('alignment gaps', () => {
  it('breaks the score down by factor with the points still open', () => {
    expect(factorPoints(factors({ rationale: true }), settings)).toEqual([
      { factor: 'linked', weight: 40, earned: 0, missing: 40 },
      { factor: 'focusMatch', weight: 20, earned: 0, missing: 20 },
      { factor: 'rationale', weight: 25, earned: 25, missing: 0 },
      { factor: 'managerConfirmed', weight: 15, earned: 0, missing: 15 },
    ]);
  });

  it.each([
    ['a rationale but no link: the link', factors({ rationale: true }), 'linked', 40],
    ['linked, no rationale: the rationale', factors({ linked: true, focusMatch: 1 }), 'rationale', 25],
    [
      'linked off-focus with rationale: the focus match',
      factors({ linked: true, rationale: true }),
      'focusMatch',
      20,
    ],
    [
      'all but confirmation: the manager',
      factors({ linked: true, focusMatch: 1, rationale: true }),
      'managerConfirmed',
      15,
    ],
  ] as const)('%s', (_name, f, factor, missing) => {
    expect(biggestGap(f, settings)).toMatchObject({ factor, missing });
  });

  it('is null when nothing is missing', () => {
    expect(
      biggestGap(factors({ linked: true, focusMatch: 1, rationale: true, managerConfirmed: true }), settings),
    ).toBeNull();
  });
});
