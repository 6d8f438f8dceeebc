import { poolRunView } from '../../plugin/app/pool-run-view.ts';
import { computePoolRun } from '../../plugin/domain/pool.ts';
import type { PoolRun } from '../../plugin/domain/pool-lifecycle.ts';
import type { PoolRunState } from '../../plugin/domain/types.ts';
import { defaultSettings } from '../../plugin/engine/index.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { demoSnapshot } from '../adapters/nocobase/demo.ts';

const snapshot = demoSnapshot();
const people = new Map(snapshot.people.map((p) => [p.id, p]));
const result = computePoolRun(snapshot, defaultSettings(), '2026-Q1');
const runIn = (state: PoolRunState): PoolRun => ({
  id: 'run-1',
  quarter: '2026-Q1',
  cycleId: snapshot.cycle.id,
  state,
  poolCents: result.poolCents,
  settingsVersion: 1,
  computedAt: '2026-04-01T00:00:00.000Z',
  result,
  createdAt: '2026-04-01T00:00:00.000Z',
  createdById: 'person-linxue',
  updatedAt: '2026-04-01T00:00:00.000Z',
  version: 3,
});
const user = (personId: string): HostUser => {
  const p = people.get(personId)!;
  return { userId: personId, personId, name: p.name, role: p.role, regionId: p.regionId, scope: null };
};
const statementsOf = (view: PoolRun | null) =>
  (view?.result as typeof result | undefined)?.statements.map((s) => s.personId) ?? null;

describe('poolRunView: what each role sees of a run, on every host', () => {
  it('gives hr and admin every run in every state, whole', () => {
    for (const state of ['draft', 'approved', 'released', 'locked'] as const) {
      expect(poolRunView(runIn(state), user('person-linxue'), people)).toEqual(runIn(state));
      expect(poolRunView(runIn(state), user('person-zhoulei'), people)).toEqual(runIn(state));
    }
  });

  it('hides a run that is not released from everyone else', () => {
    for (const who of ['person-zhaomin', 'person-chenzhiqiang', 'person-wangjianguo']) {
      expect(poolRunView(runIn('draft'), user(who), people)).toBeNull();
      expect(poolRunView(runIn('approved'), user(who), people)).toBeNull();
    }
  });

  it('gives a rep only their own allocation and statement of a released run, the pool total stays', () => {
    expect(result.statements.length).toBeGreaterThan(5);
    const view = poolRunView(runIn('released'), user('person-zhaomin'), people);
    expect(view).toMatchObject({ state: 'released', poolCents: result.poolCents, version: 3 });
    expect(statementsOf(view)).toEqual(['person-zhaomin']);
    const r = view?.result as typeof result;
    expect(r.allocations.map((a) => a.personId)).toEqual(['person-zhaomin']);
    expect(r.eligible).toEqual(['person-zhaomin']);
  });

  it("gives a manager their region's statements and strategy none, as the pack policy says", () => {
    const east = snapshot.people.filter((p) => p.regionId === 'region-east').map((p) => p.id);
    const manager = statementsOf(poolRunView(runIn('locked'), user('person-chenzhiqiang'), people));
    expect(manager?.length).toBeGreaterThan(1);
    expect(manager?.every((id) => east.includes(id))).toBe(true);
    expect(statementsOf(poolRunView(runIn('locked'), user('person-wangjianguo'), people))).toEqual([]);
  });
});
