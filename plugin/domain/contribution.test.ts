import { describe, expect, it } from 'vitest';
import {
  contributionValue,
  crossRegionHelp,
  peerScore,
  strategicWeight,
  systemScore,
} from './contribution.ts';
import {
  makeCheckIn,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePeerReview,
  makePerson,
  makeSettings,
  makeSnapshot,
  makeTargetRevision,
} from './test-factories.ts';
import type { PeerReview } from './types.ts';

/** A review of person-1 whose three dimensions all score `score`. */
const uniform = (reviewerId: string, score: number, overrides: Partial<PeerReview> = {}) =>
  makePeerReview({
    id: `review-${reviewerId}`,
    reviewerId,
    scores: { collaboration: score, crossRegionHelp: score, knowledgeSharing: score },
    ...overrides,
  });

/** Reviews from reviewer-1… with the given uniform scores. */
const reviewsOf = (scores: number[]) => scores.map((s, i) => uniform(`reviewer-${i + 1}`, s));

describe('peerScore', () => {
  const settings = makeSettings(); // minReviewers 3, trimMinReviewers 5

  it('maps each review’s mean over the three dimensions from 1–5 to 0–100', () => {
    const reviews = [
      makePeerReview({
        id: 'r1',
        reviewerId: 'a',
        scores: { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 4 },
      }),
      makePeerReview({
        id: 'r2',
        reviewerId: 'b',
        scores: { collaboration: 5, crossRegionHelp: 5, knowledgeSharing: 5 },
      }),
      makePeerReview({
        id: 'r3',
        reviewerId: 'c',
        scores: { collaboration: 1, crossRegionHelp: 1, knowledgeSharing: 1 },
      }),
    ];
    // (11/3 − 1) / 4 × 100 = 66.67, 100, 0
    expect(peerScore(reviews, 'person-1', '2026-Q1', settings).score).toBeCloseTo((200 / 3 + 100 + 0) / 3, 9);
  });

  it.each([
    { scores: [5, 5], score: null, count: 2, trimmed: false }, // one below minReviewers
    { scores: [1, 4, 4], score: 50, count: 3, trimmed: false }, // exactly minReviewers
    { scores: [1, 4, 4, 4], score: 56.25, count: 4, trimmed: false }, // one below trimMinReviewers
    { scores: [1, 4, 4, 4, 4], score: 75, count: 5, trimmed: true }, // exactly trimMinReviewers: 0 and one 75 dropped
    { scores: [1, 2, 4, 5, 5, 5], score: 75, count: 6, trimmed: true }, // 0 and one 100 dropped: 25, 75, 100, 100
  ])('$scores → $score ($count reviews, trimmed $trimmed)', ({ scores, score, count, trimmed }) => {
    const result = peerScore(reviewsOf(scores), 'person-1', '2026-Q1', settings);
    expect(result).toEqual({ score: score === null ? null : expect.closeTo(score, 9), count, trimmed });
  });

  it('takes both thresholds from settings', () => {
    const strict = makeSettings({ peerReview: { minReviewers: 4, trimMinReviewers: 4 } });
    expect(peerScore(reviewsOf([1, 4, 4]), 'person-1', '2026-Q1', strict).score).toBeNull();
    expect(peerScore(reviewsOf([1, 4, 4, 4]), 'person-1', '2026-Q1', strict)).toEqual({
      score: 75,
      count: 4,
      trimmed: true,
    });
  });

  it('counts only other people’s reviews of this person in this quarter, each reviewer once', () => {
    const reviews = [
      ...reviewsOf([4, 4]),
      uniform('person-1', 5, { id: 'self' }), // self-review
      uniform('reviewer-3', 5, { id: 'other-quarter', quarter: '2026-Q2' }),
      uniform('reviewer-4', 5, { id: 'other-person', revieweeId: 'person-2' }),
      uniform('reviewer-1', 1, { id: 'review-reviewer-0' }), // reviewer-1 again, smaller id: dropped
    ];
    expect(peerScore(reviews, 'person-1', '2026-Q1', settings)).toEqual({
      score: null,
      count: 2,
      trimmed: false,
    });
    expect(peerScore([...reviews, uniform('reviewer-5', 4)], 'person-1', '2026-Q1', settings)).toEqual({
      score: 75,
      count: 3,
      trimmed: false,
    });
  });

  it('rejects a score outside 1–5', () => {
    expect(() => peerScore(reviewsOf([4, 4, 6]), 'person-1', '2026-Q1', settings)).toThrow(
      /contribution: peer review review-reviewer-3 has score 6/,
    );
  });
});

describe('strategicWeight', () => {
  const objectives = [makeObjective({ id: 'o1', weight: 2 }), makeObjective({ id: 'o2', weight: 1 })];

  it('adds link weight / 100 × objective weight, ignoring unknown objectives', () => {
    const kr = makeKeyResult({
      links: [
        makeLink({ objectiveId: 'o1', weight: 60 }),
        makeLink({ objectiveId: 'o2', weight: 40 }),
        makeLink({ objectiveId: 'gone', weight: 100 }),
      ],
    });
    expect(strategicWeight(kr, objectives)).toBeCloseTo(1.6, 12);
    expect(strategicWeight(makeKeyResult(), objectives)).toBe(0);
  });
});

describe('systemScore', () => {
  const settings = makeSettings(); // progress capped at 120 %
  const snapshot = makeSnapshot({
    objectives: [makeObjective({ id: 'o1', weight: 2 }), makeObjective({ id: 'o2', weight: 1 })],
    keyResults: [
      makeKeyResult({ id: 'kr-a', target: 10, links: [makeLink({ objectiveId: 'o1' })] }),
      makeKeyResult({ id: 'kr-b', target: 10, links: [makeLink({ objectiveId: 'o2' })] }),
      makeKeyResult({ id: 'kr-c', target: 10 }), // unlinked
      makeKeyResult({ id: 'kr-d', target: 10, links: [makeLink({ objectiveId: 'o2' })] }), // no check-in
      makeKeyResult({ id: 'kr-region', ownerType: 'region', ownerId: 'person-1', links: [makeLink()] }),
      makeKeyResult({ id: 'kr-other', ownerId: 'person-2', links: [makeLink({ objectiveId: 'o1' })] }),
    ],
    checkIns: [
      makeCheckIn({ krId: 'kr-a', month: '2026-01', value: 3 }),
      makeCheckIn({ krId: 'kr-a', month: '2026-03', value: 5 }),
      makeCheckIn({ krId: 'kr-a', month: '2026-04', value: 9 }), // after Q1
      makeCheckIn({ krId: 'kr-b', month: '2026-02', value: 15 }), // 150 % → 120 %
      makeCheckIn({ krId: 'kr-c', month: '2026-02', value: 10 }),
    ],
  });

  it('weights capped progress at quarter end by strategic weight', () => {
    const result = systemScore('person-1', snapshot, settings, '2026-Q1');
    expect(result.parts).toEqual([
      { krId: 'kr-a', progress: 0.5, strategicWeight: 2 },
      { krId: 'kr-b', progress: 1.2, strategicWeight: 1 },
      { krId: 'kr-c', progress: 1, strategicWeight: 0 },
      { krId: 'kr-d', progress: 0, strategicWeight: 1 },
    ]);
    // 100 × (0.5 × 2 + 1.2 × 1 + 0 × 1) / (2 + 1 + 1)
    expect(result.score).toBeCloseTo(55, 9);
    expect(systemScore('person-1', snapshot, settings, '2026-Q2').parts[0]?.progress).toBe(0.9);
  });

  it('takes the progress cap from settings', () => {
    const result = systemScore(
      'person-1',
      snapshot,
      makeSettings({ contribution: { progressCapPercent: 150 } }),
      '2026-Q1',
    );
    expect(result.parts[1]?.progress).toBe(1.5);
  });

  it('is 0 without a linked KR', () => {
    expect(systemScore('person-3', snapshot, settings, '2026-Q1')).toEqual({ score: 0, parts: [] });
  });

  it('uses the target in force and the links made by the quarter’s end', () => {
    const revised = makeSnapshot({
      objectives: [makeObjective()],
      keyResults: [
        makeKeyResult({
          target: 20,
          targetHistory: [
            makeTargetRevision({ at: '2026-04-10T09:00:00Z', previousTarget: 10, newTarget: 20 }),
          ],
          links: [
            makeLink({ weight: 50 }),
            makeLink({ objectiveId: 'objective-new-energy', linkedAt: '2026-04-02T00:00:00Z' }),
          ],
        }),
      ],
      checkIns: [makeCheckIn({ month: '2026-03', value: 5 })],
    });
    expect(systemScore('person-1', revised, settings, '2026-Q1').parts).toEqual([
      { krId: 'kr-1', progress: 0.5, strategicWeight: 0.5 },
    ]);
    expect(systemScore('person-1', revised, settings, '2026-Q2').parts).toEqual([
      { krId: 'kr-1', progress: 0.25, strategicWeight: 1.5 },
    ]);
  });
});

describe('crossRegionHelp', () => {
  const settings = makeSettings();
  const people = [
    makePerson({ id: 'person-1', regionId: 'east' }),
    makePerson({ id: 'east-2', regionId: 'east' }),
    makePerson({ id: 'south-1', regionId: 'south' }),
    makePerson({ id: 'north-1', regionId: 'north' }),
    makePerson({ id: 'hq-1', role: 'strategy', regionId: null }),
  ];

  it('averages the cross-region-help scores of reviewers from other regions', () => {
    const snapshot = makeSnapshot({
      people,
      peerReviews: [uniform('east-2', 1), uniform('south-1', 5), uniform('north-1', 3), uniform('hq-1', 1)],
    });
    const two = makeSettings({ peerReview: { minReviewers: 2 } });
    expect(crossRegionHelp('person-1', snapshot, '2026-Q1', two)).toBe(75);
    expect(crossRegionHelp('person-1', snapshot, '2026-Q2', two)).toBeNull();
  });

  it('is null below minReviewers other-region reviews, so a lone reviewer stays anonymous', () => {
    const snapshot = makeSnapshot({ people, peerReviews: [uniform('south-1', 5), uniform('north-1', 3)] });
    expect(
      crossRegionHelp('person-1', snapshot, '2026-Q1', makeSettings({ peerReview: { minReviewers: 3 } })),
    ).toBeNull();
  });

  it('is null without such reviewers or without a region of one’s own', () => {
    expect(
      crossRegionHelp(
        'person-1',
        makeSnapshot({ people, peerReviews: [uniform('east-2', 5)] }),
        '2026-Q1',
        settings,
      ),
    ).toBeNull();
    const reviewsOfHq = [uniform('south-1', 5, { revieweeId: 'hq-1' })];
    expect(
      crossRegionHelp('hq-1', makeSnapshot({ people, peerReviews: reviewsOfHq }), '2026-Q1', settings),
    ).toBeNull();
  });
});

describe('contributionValue', () => {
  const people = [
    makePerson({ id: 'person-1', regionId: 'east' }),
    ...['r1', 'r2', 'r3'].map((id) => makePerson({ id, regionId: 'east' })),
    makePerson({ id: 'south-1', regionId: 'south' }),
  ];
  const base = {
    people,
    objectives: [makeObjective()],
    keyResults: [makeKeyResult({ target: 10, links: [makeLink()] })],
    checkIns: [makeCheckIn({ month: '2026-03', value: 8 })], // system 80
  };

  it('weights peer and system scores and adds the cross-region bonus', () => {
    const snapshot = makeSnapshot({
      ...base,
      peerReviews: [uniform('r1', 4), uniform('r2', 4), uniform('south-1', 5)], // peer (75+75+100)/3
    });
    const oneOtherRegionReviewer = makeSettings({ peerReview: { minReviewers: 1 } });
    const result = contributionValue('person-1', snapshot, oneOtherRegionReviewer, '2026-Q1');
    expect(result).toEqual({
      personId: 'person-1',
      peer: expect.closeTo(250 / 3, 9),
      system: expect.closeTo(80, 9),
      crossRegionHelp: 100,
      value: expect.closeTo(0.4 * (250 / 3) + 0.6 * 80 + 0.1 * 100, 9),
      peerCounted: true,
    });
    const other = makeSettings({
      contribution: { peerWeight: 70, systemWeight: 30, crossRegionBonusPercent: 0 },
      peerReview: { minReviewers: 1 },
    });
    expect(contributionValue('person-1', snapshot, other, '2026-Q1').value).toBeCloseTo(
      0.7 * (250 / 3) + 0.3 * 80,
      9,
    );
  });

  it('falls back to the system score, marked as such, when the peer score is missing', () => {
    const snapshot = makeSnapshot({ ...base, peerReviews: [uniform('r1', 5), uniform('r2', 5)] });
    expect(contributionValue('person-1', snapshot, makeSettings(), '2026-Q1')).toEqual({
      personId: 'person-1',
      peer: null,
      system: expect.closeTo(80, 9),
      crossRegionHelp: null,
      value: expect.closeTo(80, 9),
      peerCounted: false,
    });
  });
});
