// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { computePoolRun } from '../../plugin/domain/pool.ts';
import {
  makeCycle,
  makePeerReview,
  makePerson,
  makeSettings,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import { TEST_IDS } from '../test-ids.ts';
import { PoolAllocation } from './index.tsx';

// A joiner's statement and a leaver's exclusion, as computed by the domain, in both languages.
const ids = ['p-full', 'p-joiner', 'p-gone'];
const snapshot = makeSnapshot({
  cycle: makeCycle({ id: 'cycle-2026-h2', start: '2026-07-01', end: '2026-12-31' }),
  people: [
    makePerson({ id: 'p-full', name: '张伟' }),
    makePerson({ id: 'p-joiner', name: '李娜', joinedOn: '2026-08-01' }),
    makePerson({ id: 'p-gone', name: '赵磊', leftOn: '2026-06-30' }),
  ],
  peerReviews: ids.flatMap((a) =>
    ids
      .filter((b) => b !== a)
      .map((b) => makePeerReview({ id: `${a}-${b}`, quarter: '2026-Q3', reviewerId: a, revieweeId: b })),
  ),
});
const run = computePoolRun(snapshot, makeSettings({ peerReview: { minReviewers: 1 } }), '2026-Q3');
const people = snapshot.people.map((p) => ({ id: p.id, name: p.name }));

afterEach(cleanup);

describe('PoolAllocation: joiners and leavers', () => {
  it('explains the pro-rated share and why a leaver is out, in Chinese', () => {
    render(<PoolAllocation run={run} people={people} selectedPersonId="p-joiner" renderer="svg" />);
    expect(screen.getByTestId(TEST_IDS.pool.statement('p-joiner')).textContent).toContain(
      '在岗 61/92 天，按比例 66.3%',
    );
    expect(screen.getByLabelText('未参与分配的人员').textContent).toContain(
      '赵磊：本季度不在岗，不参与分配。',
    );
  });

  it('and in English', () => {
    render(
      <PoolAllocation run={run} people={people} selectedPersonId="p-joiner" locale="en-US" renderer="svg" />,
    );
    expect(screen.getByTestId(TEST_IDS.pool.statement('p-joiner')).textContent).toContain(
      'Present 61 of 92 days, pro-rated 66.3%',
    );
  });
});
