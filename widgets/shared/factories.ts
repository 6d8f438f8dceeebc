import type { KeyResult, Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';

/** Small builders for tests, the gallery and the bench; every field can be overridden. */
export function makeObjective(overrides: Partial<Objective> & { id: string }): Objective {
  return {
    cycleId: 'c-2026h1',
    title: overrides.id,
    ownerId: 'p-strategy',
    focusTags: [],
    weight: 1,
    ...overrides,
  };
}

export function makeKr(overrides: Partial<KeyResult> & { id: string }): KeyResult {
  return {
    cycleId: 'c-2026h1',
    ownerType: 'person',
    ownerId: 'p-1',
    title: overrides.id,
    metric: 'number',
    baseline: 0,
    target: 10,
    unit: '',
    focusTags: [],
    links: [],
    rationale: '',
    rationaleAt: null,
    evidence: '',
    confirmedAt: null,
    updateIntervalDays: null,
    targetHistory: [],
    version: 1,
    ...overrides,
  };
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
