import {
  POOL_RUN_ACTIONS,
  poolRunProblem,
  quarterChoices,
  transitionRequest,
} from '../../../adapters/nocobase/client/pool-run-requests.ts';
import { CATALOGUE, commandOf } from '../../../plugin/app/catalogue.ts';
import { nextPoolTransition } from '../../../plugin/domain/pool-lifecycle.ts';

const conflict = (message: string) => ({
  response: { status: 409, data: { errors: [{ message }] } },
});

describe('requests of the pool-run block', () => {
  it("names only actions of the pack's catalogue: the pool query and commands", () => {
    for (const url of Object.values(POOL_RUN_ACTIONS))
      expect(commandOf(url.replace('okrAlign:', '')), url).toBeDefined();
    expect(CATALOGUE.poolRuns.name).toBe('poolRun.list');
    expect(CATALOGUE.approvePoolRun.name).toBe('poolRun.approve');
  });

  it('moves a run one step at a time on the version the user saw, and never past locked', () => {
    expect(['draft', 'approved', 'released', 'locked'].map((s) => nextPoolTransition(s as never))).toEqual([
      'approve',
      'release',
      'lock',
      undefined,
    ]);
    expect(transitionRequest({ id: 'r1', state: 'approved', version: 4 })).toEqual({
      url: 'okrAlign:releasePoolRun',
      data: { id: 'r1', version: 4 },
    });
    expect(transitionRequest({ id: 'r1', state: 'locked', version: 9 })).toBeNull();
  });

  it("offers the cycle's quarters and those with a run, newest first, once each", () => {
    const cycle = { id: 'c', name: 'H1', start: '2026-01-01', end: '2026-06-30', locked: false };
    expect(quarterChoices(cycle, [])).toEqual(['2026-Q2', '2026-Q1']);
    expect(quarterChoices(cycle, [{ quarter: '2025-Q4' }, { quarter: '2026-Q1' }])).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
    ]);
    expect(quarterChoices(undefined, [])).toEqual([]);
  });

  it('reports a 409 as stale with the version now stored when someone moved the run first', () => {
    const error = conflict('pool run: r1 changed (version 5, you had 4); reload it');
    expect(poolRunProblem(error, 4, { version: 5 })).toMatchObject({ kind: 'stale', version: 5 });
  });

  it('reports a 409 on an unchanged run as a refusal, and other errors as the forms do', () => {
    const refused = conflict('pool run: 2026-Q1 is locked; only a draft run can be recomputed');
    expect(poolRunProblem(refused, 7, { version: 7 })).toEqual({
      kind: 'invalid',
      message: 'pool run: 2026-Q1 is locked; only a draft run can be recomputed',
    });
    const forbidden = { response: { status: 403, data: { errors: [{ message: 'no' }] } } };
    expect(poolRunProblem(forbidden, 1, { version: 1 })).toEqual({ kind: 'forbidden', message: 'no' });
  });
});
