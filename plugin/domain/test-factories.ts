/**
 * Builders of domain objects for tests: sensible defaults, every field overridable. Shared by all
 * domain, engine and widget tests; keep them general and free of assertions.
 */
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };
import type { Settings } from './settings.ts';
import type {
  Activity,
  CheckIn,
  Cycle,
  Escalation,
  KeyAccount,
  KeyResult,
  KrLink,
  Objective,
  PeerReview,
  Person,
  Region,
  Snapshot,
  TargetRevision,
} from './types.ts';

/** Recursive partial, for overriding nested settings. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result as T;
}

/** The shipped defaults (`rules/settings.defaults.json`), a fresh copy each call, with overrides. */
export function makeSettings(overrides?: DeepPartial<Settings>): Settings {
  return deepMerge(structuredClone(settingsDefaults) as Settings, overrides);
}

/** The first half of 2026, January to June. */
export function makeCycle(overrides: Partial<Cycle> = {}): Cycle {
  return {
    id: 'cycle-2026-h1',
    name: '2026 H1',
    start: '2026-01-01',
    end: '2026-06-30',
    locked: false,
    ...overrides,
  };
}

export function makeRegion(overrides: Partial<Region> = {}): Region {
  return { id: 'region-east', name: '华东', ...overrides };
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'person-1',
    name: '张伟',
    role: 'sales',
    regionId: 'region-east',
    managerId: 'manager-east',
    baseBonusCents: 3_000_000,
    ...overrides,
  };
}

export function makeObjective(overrides: Partial<Objective> = {}): Objective {
  return {
    id: 'objective-new-energy',
    cycleId: 'cycle-2026-h1',
    title: '拓展新能源行业客户',
    ownerId: 'strategy-1',
    focusTags: ['new-energy'],
    weight: 1,
    ...overrides,
  };
}

export function makeLink(overrides: Partial<KrLink> = {}): KrLink {
  return { objectiveId: 'objective-new-energy', weight: 100, linkedAt: '2026-01-10T09:00:00Z', ...overrides };
}

export function makeTargetRevision(overrides: Partial<TargetRevision> = {}): TargetRevision {
  return { at: '2026-03-15T09:00:00Z', previousTarget: 10, newTarget: 12, reason: '市场扩大', ...overrides };
}

/**
 * A personal KR of `person-1`, number metric 0 → 12, not linked, no rationale, not confirmed.
 * Use `makeAlignedKeyResult` for one that scores full marks.
 */
export function makeKeyResult(overrides: Partial<KeyResult> = {}): KeyResult {
  return {
    id: 'kr-1',
    cycleId: 'cycle-2026-h1',
    ownerType: 'person',
    ownerId: 'person-1',
    title: '签约新能源客户',
    metric: 'number',
    baseline: 0,
    target: 12,
    unit: '家',
    focusTags: ['new-energy'],
    links: [],
    rationale: '',
    rationaleAt: null,
    evidence: '',
    confirmedAt: null,
    updateIntervalDays: null,
    targetHistory: [],
    // The start of makeCycle()'s half year: the KR owes every month of it.
    createdAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

/** A KR linked to the default Objective with matching focus, a rationale and a manager confirmation. */
export function makeAlignedKeyResult(overrides: Partial<KeyResult> = {}): KeyResult {
  return makeKeyResult({
    links: [makeLink()],
    rationale: '新能源客户是总部今年的战略重点,华东区有现成的渠道',
    rationaleAt: '2026-01-10T10:00:00Z',
    confirmedAt: '2026-01-12T09:00:00Z',
    ...overrides,
  });
}

export function makeCheckIn(overrides: Partial<CheckIn> = {}): CheckIn {
  const month = overrides.month ?? '2026-01';
  return {
    id: `checkin-${overrides.krId ?? 'kr-1'}-${month}`,
    krId: 'kr-1',
    month,
    value: 0,
    selfColour: null,
    colourNote: '',
    submittedAt: `${month}-28T09:00:00Z`,
    blockers: '',
    resourceRequest: null,
    confidence: 7,
    ...overrides,
  };
}

export function makeEscalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'escalation-1',
    krId: 'kr-1',
    raisedById: 'person-1',
    assigneeId: 'manager-east',
    month: '2026-02',
    reason: 'amber-streak',
    detail: '',
    raisedAt: '2026-03-03T09:00:00Z',
    resolvedAt: null,
    resolution: '',
    ...overrides,
  };
}

/** One month of system data: 3 deals worth 100 000.00 of which 60 000.00 high margin. */
export function makeActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    personId: 'person-1',
    month: '2026-01',
    dealsSigned: 3,
    dealsAmountCents: 10_000_000,
    highMarginAmountCents: 6_000_000,
    clientVisits: 12,
    proposalsSent: 5,
    proposalsWon: 2,
    collectionsCents: 8_000_000,
    ...overrides,
  };
}

export function makeKeyAccount(overrides: Partial<KeyAccount> = {}): KeyAccount {
  return {
    id: 'account-1',
    name: '宁德某电池厂',
    ownerId: 'person-1',
    lastContactAt: '2026-01-15',
    ...overrides,
  };
}

export function makePeerReview(overrides: Partial<PeerReview> = {}): PeerReview {
  return {
    id: 'review-1',
    quarter: '2026-Q1',
    reviewerId: 'person-2',
    revieweeId: 'person-1',
    scores: { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 4 },
    comment: '',
    ...overrides,
  };
}

/** An empty snapshot of the default cycle with one region; fill the lists through overrides. */
export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    cycle: makeCycle(),
    regions: [makeRegion()],
    people: [],
    objectives: [],
    keyResults: [],
    checkIns: [],
    escalations: [],
    activities: [],
    keyAccounts: [],
    peerReviews: [],
    ...overrides,
  };
}
