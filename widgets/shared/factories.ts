import { makeObjective as makeDomainObjective, makeKeyResult } from '../../plugin/domain/test-factories.ts';
import type { KeyResult, Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';

/**
 * Small builders for tests, the gallery and the bench; every field can be overridden. They are the
 * domain test factories with widget defaults: a short cycle id, owner `p-1`, no focus tags, the id as title.
 */
export function makeObjective(overrides: Partial<Objective> & { id: string }): Objective {
  return makeDomainObjective({
    cycleId: 'c-2026h1',
    title: overrides.id,
    ownerId: 'p-strategy',
    focusTags: [],
    ...overrides,
  });
}

export function makeKr(overrides: Partial<KeyResult> & { id: string }): KeyResult {
  return makeKeyResult({
    cycleId: 'c-2026h1',
    ownerId: 'p-1',
    title: overrides.id,
    target: 10,
    unit: '',
    focusTags: [],
    ...overrides,
  });
}

export function makeCard(kr: KeyResult, overrides: Partial<Omit<AlignmentCard, 'kr'>> = {}): AlignmentCard {
  return {
    kr,
    ownerName: kr.ownerId,
    regionId: 'r-east',
    regionName: 'r-east',
    score: 80,
    belowThreshold: false,
    ...overrides,
  };
}
