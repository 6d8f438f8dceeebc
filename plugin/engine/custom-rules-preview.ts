import type { Id, Snapshot } from '../domain/types.ts';
import type { RuleEvent } from './rule-types.ts';

/** One event a proposal adds or removes, with the names people read. */
export interface PreviewEvent {
  type: string;
  krId: Id | null;
  krTitle: string | null;
  personId: Id | null;
  personName: string | null;
  accountName: string | null;
  month: string | null;
  params: Record<string, unknown>;
}

export interface RegionEvents {
  regionId: Id | null;
  regionName: string | null;
  added: PreviewEvent[];
  removed: PreviewEvent[];
}

export interface CustomRulesPreview {
  at: string;
  added: number;
  removed: number;
  regions: RegionEvents[];
}

const keyOf = (e: RuleEvent) =>
  [e.type, e.subject.krId, e.subject.personId, e.subject.accountId, e.subject.month, e.subject.quarter].join(
    '|',
  );

/**
 * The events the proposed rules add or remove against the rules in effect, per region, for one
 * snapshot evaluated both ways. Pure, so every host's preview answers the same.
 */
export function compareRuleEvents(
  snapshot: Snapshot,
  before: readonly RuleEvent[],
  after: readonly RuleEvent[],
  at: string,
): CustomRulesPreview {
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const krs = new Map(snapshot.keyResults.map((k) => [k.id, k]));
  const accounts = new Map(snapshot.keyAccounts.map((a) => [a.id, a]));
  const regions = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  const regionOf = (e: RuleEvent): Id | null => {
    const kr = e.subject.krId ? krs.get(e.subject.krId) : undefined;
    if (kr?.ownerType === 'region') return kr.ownerId;
    const personId = e.subject.personId ?? (kr?.ownerType === 'person' ? kr.ownerId : undefined);
    return (personId && people.get(personId)?.regionId) || null;
  };
  const named = (e: RuleEvent): PreviewEvent => ({
    type: e.type,
    krId: e.subject.krId ?? null,
    krTitle: (e.subject.krId && krs.get(e.subject.krId)?.title) || null,
    personId: e.subject.personId ?? null,
    personName: (e.subject.personId && people.get(e.subject.personId)?.name) || null,
    accountName: (e.subject.accountId && accounts.get(e.subject.accountId)?.name) || null,
    month: e.subject.month ?? null,
    params: e.params,
  });
  const was = new Set(before.map(keyOf));
  const will = new Set(after.map(keyOf));
  const byRegion = new Map<Id | null, RegionEvents>();
  const slot = (e: RuleEvent) => {
    const id = regionOf(e);
    const found = byRegion.get(id);
    if (found) return found;
    const row: RegionEvents = {
      regionId: id,
      regionName: id ? (regions.get(id) ?? null) : null,
      added: [],
      removed: [],
    };
    byRegion.set(id, row);
    return row;
  };
  let added = 0;
  let removed = 0;
  for (const e of after)
    if (!was.has(keyOf(e))) {
      slot(e).added.push(named(e));
      added++;
    }
  for (const e of before)
    if (!will.has(keyOf(e))) {
      slot(e).removed.push(named(e));
      removed++;
    }
  const regionsOut = [...byRegion.values()].sort((a, b) =>
    (a.regionName ?? '~').localeCompare(b.regionName ?? '~'),
  );
  return { at, added, removed, regions: regionsOut };
}
