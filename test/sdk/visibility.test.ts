import demo from '../../host/demo/case-study.snapshot.json' with { type: 'json' };
import type { Role, Snapshot } from '../../plugin/domain/types.ts';
import { defaultSettings, evaluate } from '../../plugin/engine/index.ts';
import type { HostUser } from '../../plugin/sdk/identity-port.ts';
import { visibleEvaluation, visibleSnapshot } from '../../plugin/sdk/visibility.ts';

const snapshot = demo as Snapshot;
const evaluation = evaluate(snapshot, defaultSettings(), snapshot.cycle.end);
const person = (id: string) => snapshot.people.find((p) => p.id === id)!;
const userOf = (personId: string, role?: Role): HostUser => {
  const p = person(personId);
  return {
    userId: `u-${personId}`,
    personId,
    name: p.name,
    role: role ?? p.role,
    regionId: p.regionId,
    scope: null,
  };
};
const regionOf = (personId: string) => person(personId).regionId;
const krOwnerRegion = (krId: string) => {
  const kr = snapshot.keyResults.find((k) => k.id === krId)!;
  return kr.ownerType === 'region' ? kr.ownerId : regionOf(kr.ownerId);
};
const krOwner = (krId: string) => snapshot.keyResults.find((k) => k.id === krId)!.ownerId;

describe('visibility: what each role reads of the case-study snapshot', () => {
  it('gives admin and hr everything, peer reviews and pay included', () => {
    for (const u of [userOf('person-zhoulei'), userOf('person-linxue')]) {
      expect(visibleSnapshot(u, snapshot)).toEqual(snapshot);
      expect(visibleEvaluation(u, evaluation, snapshot)).toEqual(evaluation);
    }
    expect(snapshot.peerReviews.length).toBeGreaterThan(0);
    expect(evaluation.pool?.allocations.length).toBeGreaterThan(1);
  });

  it('gives strategy all team data but no peer reviews, no pay and no pool amounts', () => {
    const u = userOf('person-wangjianguo');
    const s = visibleSnapshot(u, snapshot);
    expect(s.keyResults).toEqual(snapshot.keyResults);
    expect(s.checkIns).toEqual(snapshot.checkIns);
    expect(s.activities).toEqual(snapshot.activities);
    expect(s.peerReviews).toEqual([]);
    expect(s.people.filter((p) => p.baseBonusCents !== null).map((p) => p.id)).toEqual([u.personId]);
    const e = visibleEvaluation(u, evaluation, snapshot);
    expect(e.pool?.allocations).toEqual([]);
    expect(e.pool?.statements).toEqual([]);
    expect(e.pool?.poolCents).toBe(evaluation.pool?.poolCents);
    expect(e.colours).toEqual(evaluation.colours);
  });

  it("gives a manager their region's KRs, check-ins, escalations, activities and pool amounts", () => {
    const u = userOf('person-chenzhiqiang');
    const s = visibleSnapshot(u, snapshot);
    const krIds = new Set(s.keyResults.map((k) => k.id));
    expect(krIds).toEqual(
      new Set(snapshot.keyResults.filter((k) => krOwnerRegion(k.id) === 'region-east').map((k) => k.id)),
    );
    expect(krIds.has('kr-region-east')).toBe(true);
    expect(s.keyResults.length).toBeLessThan(snapshot.keyResults.length);
    expect(s.keyResults.find((k) => k.id === 'kr-wuqian-1')?.links).toHaveLength(2);
    expect(s.checkIns.length).toBeGreaterThan(0);
    expect(s.checkIns.every((c) => krIds.has(c.krId))).toBe(true);
    expect(s.checkIns).toEqual(snapshot.checkIns.filter((c) => krIds.has(c.krId)));
    expect(s.escalations.every((e) => krIds.has(e.krId))).toBe(true);
    expect(s.escalations.length).toBeLessThan(snapshot.escalations.length);
    expect(s.activities.length).toBeGreaterThan(0);
    expect(s.activities.every((a) => regionOf(a.personId) === 'region-east')).toBe(true);
    expect(s.keyAccounts.length).toBeGreaterThan(0);
    expect(s.keyAccounts.every((a) => regionOf(a.ownerId) === 'region-east')).toBe(true);
    expect(s.peerReviews).toEqual([]);
    expect(s.people.filter((p) => p.baseBonusCents !== null).map((p) => p.id)).toEqual([u.personId]);

    const e = visibleEvaluation(u, evaluation, snapshot);
    expect(e.alignment.perKr.map((k) => k.krId).sort()).toEqual([...krIds].sort());
    expect(e.alignment.rate).toBe(evaluation.alignment.rate);
    expect(e.colours.length).toBeGreaterThan(0);
    expect(e.colours.every((c) => krIds.has(c.krId))).toBe(true);
    expect(e.events.length).toBeGreaterThan(0);
    expect(e.events.length).toBeLessThan(evaluation.events.length);
    expect(
      e.events.every((x) =>
        x.subject.krId
          ? krIds.has(x.subject.krId)
          : x.subject.personId
            ? regionOf(x.subject.personId) === 'region-east'
            : true,
      ),
    ).toBe(true);
    const pooled = e.pool?.allocations.map((a) => a.personId) ?? [];
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled.every((id) => regionOf(id) === 'region-east')).toBe(true);
    expect(e.pool?.statements.map((x) => x.personId)).toEqual(pooled);
    expect(e.metrics).toEqual(evaluation.metrics);
  });

  it('gives a sales rep only their own records and their own pool allocation', () => {
    const u = userOf('person-zhaomin');
    const s = visibleSnapshot(u, snapshot);
    expect(s.keyResults.map((k) => k.id).sort()).toEqual(
      snapshot.keyResults
        .filter((k) => k.ownerId === u.personId)
        .map((k) => k.id)
        .sort(),
    );
    const krIds = new Set(s.keyResults.map((k) => k.id));
    expect(s.keyResults.every((k) => k.links.length > 0)).toBe(true);
    expect(s.checkIns.length).toBeGreaterThan(0);
    expect(s.checkIns.every((c) => krIds.has(c.krId))).toBe(true);
    expect(s.escalations.every((e) => krOwner(e.krId) === u.personId)).toBe(true);
    expect(s.activities.length).toBeGreaterThan(0);
    expect(s.activities.every((a) => a.personId === u.personId)).toBe(true);
    expect(s.keyAccounts.length).toBeGreaterThan(0);
    expect(s.keyAccounts.every((a) => a.ownerId === u.personId)).toBe(true);
    expect(s.peerReviews).toEqual([]);
    expect(JSON.stringify(s)).not.toContain('reviewerId');
    expect(s.people).toHaveLength(snapshot.people.length);
    expect(s.people.filter((p) => p.baseBonusCents !== null).map((p) => p.id)).toEqual([u.personId]);

    const e = visibleEvaluation(u, evaluation, snapshot);
    expect(e.alignment.perKr.map((k) => k.krId).sort()).toEqual([...krIds].sort());
    expect(e.colours.length).toBeGreaterThan(0);
    expect(e.colours.every((c) => krIds.has(c.krId))).toBe(true);
    expect(
      e.events.every((x) =>
        x.subject.krId
          ? krIds.has(x.subject.krId)
          : x.subject.personId === undefined || x.subject.personId === u.personId,
      ),
    ).toBe(true);
    expect(e.events.filter((x) => x.subject.accountId).every((x) => x.subject.personId === u.personId)).toBe(
      true,
    );
    expect(evaluation.events.some((x) => x.subject.accountId && x.subject.personId !== u.personId)).toBe(
      true,
    );
    expect(e.pool?.allocations.map((a) => a.personId)).toEqual([u.personId]);
    expect(e.pool?.statements.map((x) => x.personId)).toEqual([u.personId]);
    expect(e.pool?.eligible).toEqual([u.personId]);
    expect(e.pool?.excluded).toEqual([]);
  });

  it('shows a rep only their own exclusion from the pool', () => {
    const u = userOf('person-zhaomin');
    const pool = evaluation.pool!;
    const excluded = snapshot.people
      .filter((p) => p.role === 'sales')
      .map((p) => ({ personId: p.id, reason: 'statement.excluded.belowMinContribution' }));
    const e = visibleEvaluation(u, { ...evaluation, pool: { ...pool, excluded } }, snapshot);
    expect(e.pool?.excluded).toEqual([{ personId: u.personId, reason: excluded[0]!.reason }]);
  });

  it('still shows an escalation assigned to the user on a KR they may not otherwise read', () => {
    const u = userOf('person-liuyang');
    const foreign = snapshot.escalations.find((e) => krOwnerRegion(e.krId) !== 'region-north')!;
    const assigned = { ...snapshot, escalations: [{ ...foreign, assigneeId: u.personId }] };
    expect(visibleSnapshot(u, assigned).escalations).toHaveLength(1);
    const unassigned = { ...snapshot, escalations: [{ ...foreign, assigneeId: null }] };
    expect(visibleSnapshot(u, unassigned).escalations).toEqual([]);
  });
});
