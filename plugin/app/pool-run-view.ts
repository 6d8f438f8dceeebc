import type { PoolRun } from '../domain/pool-lifecycle.ts';
import type { Id, Person } from '../domain/types.ts';
import { can, type HostUser } from '../sdk/index.ts';

const isPayroll = (u: HostUser) => u.role === 'hr' || u.role === 'admin';
export const isReleased = (run: Pick<PoolRun, 'state'>) => run.state === 'released' || run.state === 'locked';

/**
 * What `user` may see of a run, on every host: hr/admin all of it; everyone else only a released or
 * locked run, with the amounts and statements of the people the policy lets them read (a rep: their own).
 */
export function poolRunView(
  run: PoolRun,
  user: HostUser,
  people: ReadonlyMap<Id, Pick<Person, 'regionId'>>,
): PoolRun | null {
  if (isPayroll(user)) return run;
  if (!isReleased(run)) return null;
  if (!run.result) return run;
  const visible = (personId: Id) =>
    can(user, 'read', {
      type: 'statement',
      ownerPersonId: personId,
      regionId: people.get(personId)?.regionId ?? null,
    });
  const r = run.result;
  return {
    ...run,
    result: {
      ...r,
      eligible: r.eligible.filter(visible),
      excluded: r.excluded.filter((e) => visible(e.personId)),
      allocations: r.allocations.filter((a) => visible(a.personId)),
      statements: r.statements.filter((s) => visible(s.personId)),
    },
  };
}
