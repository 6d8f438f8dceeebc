import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import type { Person, PoolRunState } from '../../../plugin/domain/types.ts';
import { can, type HostUser } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { PackService } from './pack-service.ts';
import { type PoolRunRecord, toRun } from './pool-runs.ts';
import { type Body, bodyOf, onlyKeys, refuse, text } from './requests.ts';
import type { Tables } from './tables.ts';
import { allow, peopleById, signedIn } from './write-support.ts';

type Handler = (s: PackService, p: Body, tables: Tables) => Promise<unknown>;
type People = ReadonlyMap<string, Pick<Person, 'regionId'>>;

const QUARTER = /^\d{4}-Q[1-4]$/;
const OUT: readonly PoolRunState[] = ['released', 'locked'];

/**
 * What `user` may see of a stored run, as the reference host's `/api/pool-runs`: hr/admin all of it;
 * everyone else only a released or locked run, with the amounts and statements of the people whose
 * statement the pack policy lets them read (a rep: their own).
 */
export function poolRunView(run: PoolRunRecord, user: HostUser, people: People): PoolRunRecord | null {
  if (user.role === 'hr' || user.role === 'admin') return run;
  if (!OUT.includes(run.state)) return null;
  const result = run.result as PoolRunResult | null;
  if (!result) return run;
  const mine = (personId: string) =>
    personId === user.personId ||
    can(user, 'read', {
      type: 'statement',
      ownerPersonId: personId,
      regionId: people.get(personId)?.regionId ?? null,
    });
  return {
    ...run,
    result: {
      ...result,
      eligible: result.eligible.filter(mine),
      excluded: result.excluded.filter((e) => mine(e.personId)),
      allocations: result.allocations.filter((a) => mine(a.personId)),
      statements: result.statements.filter((st) => mine(st.personId)),
    },
  };
}

/** Read side of the pool-run lifecycle (`computePoolRun` and `transitionPoolRun` write it). */
export const POOL_RUN_READS: Record<string, Handler> = {
  /** `{quarter?}` → the stored runs the caller may see, newest quarter first. */
  async poolRuns(s, p, tables) {
    const b = bodyOf(p);
    onlyKeys(b, ['quarter'], 'poolRuns');
    const filter: Record<string, unknown> = {};
    if (b.quarter !== undefined) {
      const quarter = text(b.quarter, 'quarter', 7, 7);
      if (!QUARTER.test(quarter)) throw refuse(400, 'invalid-body', '"quarter" must be a quarter YYYY-Qn');
      filter.quarter = quarter;
    }
    allow(s, 'read', { type: 'poolRun' }, 'pool run');
    const user = signedIn(s);
    const people = await peopleById(s);
    const runs = (await tables.find(COLLECTIONS.poolRuns, filter, ['-quarter'])).map(toRun);
    return runs.flatMap((r) => poolRunView(r, user, people) ?? []);
  },
};
