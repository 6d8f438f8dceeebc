import type { Colour } from '../domain/types.ts';

/** What a fact property holds; `null` marks properties that may be null. */
export type FieldType =
  | { kind: 'number'; nullable: boolean }
  | { kind: 'boolean' }
  | { kind: 'string'; nullable: boolean; values?: readonly string[] };

/** The subjects rules are evaluated for, one fact set each. */
export type SubjectKind = 'kr' | 'month' | 'account' | 'pool';

export type FactName = 'settings' | SubjectKind;
export const FACT_NAMES: readonly FactName[] = ['settings', 'kr', 'month', 'account', 'pool'];

const num = (nullable = false): FieldType => ({ kind: 'number', nullable });
const bool: FieldType = { kind: 'boolean' };
const str = (nullable = false, values?: readonly string[]): FieldType =>
  values === undefined ? { kind: 'string', nullable } : { kind: 'string', nullable, values };
const COLOURS: readonly Colour[] = ['green', 'amber', 'red'];

/** The `kr` fact: one key result as of the evaluation date. */
export interface KrFact {
  id: string;
  ownerType: 'person' | 'region';
  ownerId: string;
  /** Alignment score 0..100. */
  score: number;
  linked: boolean;
  /** Share 0..1 of link weight whose objective shares a focus tag with the KR. */
  focusMatch: number;
  rationale: boolean;
  managerConfirmed: boolean;
  daysSinceUpdate: number;
  hasOwnUpdateInterval: boolean;
  ownUpdateIntervalDays: number | null;
}

/** The `month` fact: one key result in one month of the cycle (the `kr` fact is set too). */
export interface MonthFact {
  month: string;
  colour: Colour;
  pacePercent: number | null;
  amberStreak: number;
  redStreak: number;
  missing: boolean;
  dueDate: string;
  /** Confidence 1..10 of the month's check-in; null when missing. */
  confidence: number | null;
  /** Confidence of the previous month's check-in; null when that one is missing (or this is the first month). */
  previousConfidence: number | null;
}

/** The `account` fact: one key account. */
export interface AccountFact {
  id: string;
  ownerId: string;
  daysSinceContact: number | null;
  neverContacted: boolean;
}

/** The `pool` fact: the pool run of one quarter. */
export interface PoolFact {
  quarter: string;
  poolCents: number;
  eligibleCount: number;
  excludedCount: number;
  hasEligible: boolean;
}

/** Fact properties a rule may read, per subject fact. `settings` paths come from the settings schema. */
export const FACT_FIELDS: Record<SubjectKind, Record<string, FieldType>> = {
  kr: {
    id: str(),
    ownerType: str(false, ['person', 'region']),
    ownerId: str(),
    score: num(),
    linked: bool,
    focusMatch: num(),
    rationale: bool,
    managerConfirmed: bool,
    daysSinceUpdate: num(),
    hasOwnUpdateInterval: bool,
    ownUpdateIntervalDays: num(true),
  } satisfies Record<keyof KrFact, FieldType>,
  month: {
    month: str(),
    colour: str(false, COLOURS),
    pacePercent: num(true),
    amberStreak: num(),
    redStreak: num(),
    missing: bool,
    dueDate: str(),
    confidence: num(true),
    previousConfidence: num(true),
  } satisfies Record<keyof MonthFact, FieldType>,
  account: {
    id: str(),
    ownerId: str(),
    daysSinceContact: num(true),
    neverContacted: bool,
  } satisfies Record<keyof AccountFact, FieldType>,
  pool: {
    quarter: str(),
    poolCents: num(),
    eligibleCount: num(),
    excludedCount: num(),
    hasEligible: bool,
  } satisfies Record<keyof PoolFact, FieldType>,
};

/** Facts a rule of each subject may read besides `settings`. */
export const SUBJECT_FACTS: Record<SubjectKind, readonly SubjectKind[]> = {
  kr: ['kr'],
  month: ['month', 'kr'],
  account: ['account'],
  pool: ['pool'],
};

/** The facts one rule evaluation sees. */
export interface FactSet {
  settings: unknown;
  kr?: KrFact;
  month?: MonthFact;
  account?: AccountFact;
  pool?: PoolFact;
}
