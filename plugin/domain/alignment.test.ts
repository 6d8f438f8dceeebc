import { describe, expect, it } from 'vitest';
import { alignmentFactors, alignmentRate, alignmentScore, linkedRate } from './alignment.ts';
import {
  makeAlignedKeyResult,
  makeKeyResult,
  makeLink,
  makeObjective,
  makeSettings,
} from './test-factories.ts';

const newEnergy = makeObjective({ id: 'o-ne', focusTags: ['new-energy'] });
const highMargin = makeObjective({ id: 'o-hm', focusTags: ['high-margin'] });
const objectives = [newEnergy, highMargin];
const settings = makeSettings();
const w = settings.alignment.weights;

describe('alignmentFactors', () => {
  it('links to objectives outside the list are ignored', () => {
    const kr = makeKeyResult({ links: [makeLink({ objectiveId: 'o-unknown' })] });
    expect(alignmentFactors(kr, objectives, settings)).toEqual({
      linked: false,
      focusMatch: 0,
      rationale: false,
      managerConfirmed: false,
    });
  });

  it.each([
    { name: 'all weight on a matching O', links: [{ o: 'o-ne', weight: 100 }], focusMatch: 1 },
    { name: 'no weight on a matching O', links: [{ o: 'o-hm', weight: 100 }], focusMatch: 0 },
    {
      name: 'partial: 30 of 100',
      links: [
        { o: 'o-ne', weight: 30 },
        { o: 'o-hm', weight: 70 },
      ],
      focusMatch: 0.3,
    },
    {
      name: 'partial: weights not summing to 100',
      links: [
        { o: 'o-ne', weight: 20 },
        { o: 'o-hm', weight: 60 },
      ],
      focusMatch: 0.25,
    },
    {
      name: 'zero weights fall back to link count',
      links: [
        { o: 'o-ne', weight: 0 },
        { o: 'o-hm', weight: 0 },
      ],
      focusMatch: 0.5,
    },
    {
      name: 'unknown O does not dilute',
      links: [
        { o: 'o-ne', weight: 50 },
        { o: 'o-x', weight: 50 },
      ],
      focusMatch: 1,
    },
  ])('focusMatch: $name', ({ links, focusMatch }) => {
    const kr = makeKeyResult({ links: links.map((l) => makeLink({ objectiveId: l.o, weight: l.weight })) });
    expect(alignmentFactors(kr, objectives, settings).focusMatch).toBeCloseTo(focusMatch, 12);
  });

  it('focus match needs a shared tag, not just any tag', () => {
    const kr = makeKeyResult({ focusTags: ['service'], links: [makeLink({ objectiveId: 'o-ne' })] });
    expect(alignmentFactors(kr, objectives, settings).focusMatch).toBe(0);
  });

  it('rationale counts from minRationaleLength characters (code points, trimmed)', () => {
    const min = settings.alignment.minRationaleLength;
    const short = makeKeyResult({
      rationale: `  ${'新'.repeat(min - 1)}  `,
      rationaleAt: '2026-01-05T00:00:00Z',
    });
    const exact = makeKeyResult({ rationale: '新'.repeat(min), rationaleAt: '2026-01-05T00:00:00Z' });
    expect(alignmentFactors(short, objectives, settings).rationale).toBe(false);
    expect(alignmentFactors(exact, objectives, settings).rationale).toBe(true);
    // A lower setting accepts the short one: the length is not hard-coded.
    const lenient = makeSettings({ alignment: { minRationaleLength: min - 1 } });
    expect(alignmentFactors(short, objectives, lenient).rationale).toBe(true);
  });

  it('as of `at`: links, rationale and confirmation made later do not count', () => {
    const kr = makeAlignedKeyResult({
      links: [makeLink({ objectiveId: 'o-ne', linkedAt: '2026-02-01T08:00:00Z' })],
      rationaleAt: '2026-02-01T08:00:00Z',
      confirmedAt: '2026-02-02T08:00:00Z',
    });
    expect(alignmentFactors(kr, objectives, settings, '2026-02-01T07:59:59Z')).toEqual({
      linked: false,
      focusMatch: 0,
      rationale: false,
      managerConfirmed: false,
    });
    expect(alignmentFactors(kr, objectives, settings, '2026-02-01T08:00:00Z')).toEqual({
      linked: true,
      focusMatch: 1,
      rationale: true,
      managerConfirmed: false,
    });
    // A calendar date means the end of that day.
    expect(alignmentFactors(kr, objectives, settings, '2026-02-02').managerConfirmed).toBe(true);
    expect(alignmentFactors(kr, objectives, settings, '2026-02-01').managerConfirmed).toBe(false);
  });

  it('a rationale without a date does not count as of a date, but does without one', () => {
    const kr = makeAlignedKeyResult({ rationaleAt: null });
    expect(alignmentFactors(kr, objectives, settings, '2026-06-30').rationale).toBe(false);
    expect(alignmentFactors(kr, objectives, settings).rationale).toBe(true);
  });
});

describe('alignmentScore', () => {
  it('full marks sum the weights', () => {
    expect(
      alignmentScore(
        makeAlignedKeyResult({ links: [makeLink({ objectiveId: 'o-ne' })] }),
        objectives,
        settings,
      ),
    ).toBe(w.linked + w.focusMatch + w.rationale + w.managerConfirmed);
  });

  it('partial focus match scales its weight', () => {
    const kr = makeKeyResult({
      links: [makeLink({ objectiveId: 'o-ne', weight: 30 }), makeLink({ objectiveId: 'o-hm', weight: 70 })],
    });
    expect(alignmentScore(kr, objectives, settings)).toBeCloseTo(w.linked + 0.3 * w.focusMatch, 9);
  });

  it('follows the weights in settings', () => {
    const kr = makeKeyResult({ links: [makeLink({ objectiveId: 'o-hm' })] });
    const linkHeavy = makeSettings({
      alignment: { weights: { linked: 70, focusMatch: 10, rationale: 10, managerConfirmed: 10 } },
    });
    expect(alignmentScore(kr, objectives, settings)).toBe(w.linked);
    expect(alignmentScore(kr, objectives, linkHeavy)).toBe(70);
  });
});

describe('alignmentRate', () => {
  // linked (40) + focusMatch share × 20: 0.9995 → 59.99, 1 → 60 with the default weights.
  const krAt = (id: string, matchingWeight: number) =>
    makeKeyResult({
      id,
      links: [
        makeLink({ objectiveId: 'o-ne', weight: matchingWeight }),
        makeLink({ objectiveId: 'o-hm', weight: 100 - matchingWeight }),
      ],
    });
  const below = krAt('kr-below', 99.95);
  const exact = krAt('kr-exact', 100);

  it('scores sit either side of minScore', () => {
    expect(alignmentScore(below, objectives, settings)).toBeCloseTo(59.99, 9);
    expect(alignmentScore(exact, objectives, settings)).toBe(60);
    expect(settings.alignment.minScore).toBe(60);
  });

  it.each([
    { minScore: 60, aligned: 1 },
    { minScore: 59, aligned: 2 },
    { minScore: 61, aligned: 0 },
  ])('minScore $minScore aligns $aligned of 2', ({ minScore, aligned }) => {
    const result = alignmentRate([below, exact], objectives, makeSettings({ alignment: { minScore } }));
    expect(result).toEqual({ rate: aligned / 2, aligned, total: 2 });
  });

  it('counts personal KRs only and is 0 with none', () => {
    const regional = makeAlignedKeyResult({ id: 'kr-region', ownerType: 'region', ownerId: 'region-east' });
    expect(alignmentRate([regional], objectives, settings)).toEqual({ rate: 0, aligned: 0, total: 0 });
    expect(alignmentRate([regional, exact], objectives, settings)).toEqual({ rate: 1, aligned: 1, total: 1 });
  });

  it('as of a date before the links, nothing is aligned', () => {
    expect(alignmentRate([exact], objectives, settings, '2026-01-09').aligned).toBe(0);
    expect(alignmentRate([exact], objectives, settings, '2026-01-10').aligned).toBe(1);
  });
});

describe('linkedRate', () => {
  it('counts personal KRs with a link made by `at`', () => {
    const krs = [
      makeKeyResult({ id: 'a', links: [makeLink({ linkedAt: '2026-01-31T23:00:00Z' })] }),
      makeKeyResult({ id: 'b', links: [makeLink({ linkedAt: '2026-02-01T00:00:00Z' })] }),
      makeKeyResult({ id: 'c' }),
      makeKeyResult({ id: 'd', ownerType: 'region', links: [makeLink()] }),
    ];
    expect(linkedRate(krs, '2026-01-31')).toEqual({ rate: 1 / 3, aligned: 1, total: 3 });
    expect(linkedRate(krs)).toEqual({ rate: 2 / 3, aligned: 2, total: 3 });
  });
});
