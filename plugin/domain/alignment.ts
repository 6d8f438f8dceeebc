import { isAtOrBefore } from './dates.ts';
import type { Settings } from './settings.ts';
import type { KeyResult, KrLink, Objective } from './types.ts';

/** The facts an alignment score is made of. */
export interface AlignmentFactors {
  /** Has at least one explicit link to a known strategic Objective. */
  linked: boolean;
  /** Share (0..1) of link weight going to Objectives that share a focus tag with the KR. */
  focusMatch: number;
  /** A rationale of at least `settings.alignment.minRationaleLength` characters was given. */
  rationale: boolean;
  /** The owner's manager confirmed the alignment. */
  managerConfirmed: boolean;
}

/** Share-of-population result used by the alignment and linked rates. */
export interface RateResult {
  /** aligned / total, 0 when there is nothing to count. */
  rate: number;
  aligned: number;
  total: number;
}

// Scores are sums of products of fractions; rounding away float noise keeps 60 from becoming 59.999….
const SCORE_PRECISION = 1e9;

/** Links that exist as of `at` and point to an Objective in `objectives`. */
function countedLinks(kr: KeyResult, objectives: Map<string, Objective>, at: string | undefined): KrLink[] {
  return kr.links.filter((link) => objectives.has(link.objectiveId) && isAtOrBefore(link.linkedAt, at));
}

function sharesFocusTag(kr: KeyResult, objective: Objective | undefined): boolean {
  return objective?.focusTags.some((tag) => kr.focusTags.includes(tag)) ?? false;
}

/** Rationale length in characters (code points), so Chinese text counts one per character. */
function rationaleLength(rationale: string): number {
  return [...rationale.trim()].length;
}

/**
 * The alignment factors of one KR as of `at` (all history when `at` is undefined). Links made after
 * `at`, a rationale written after `at` and a confirmation after `at` do not count; links to
 * Objectives missing from `objectives` are ignored.
 */
export function alignmentFactors(
  kr: KeyResult,
  objectives: Objective[],
  settings: Settings,
  at?: string,
): AlignmentFactors {
  const byId = new Map(objectives.map((objective) => [objective.id, objective]));
  const links = countedLinks(kr, byId, at);
  const totalWeight = links.reduce((sum, link) => sum + link.weight, 0);
  const matching = links.filter((link) => sharesFocusTag(kr, byId.get(link.objectiveId)));
  let focusMatch = 0;
  if (totalWeight > 0) {
    focusMatch = matching.reduce((sum, link) => sum + link.weight, 0) / totalWeight;
  } else if (links.length > 0) {
    // All links weigh zero: fall back to the share of links.
    focusMatch = matching.length / links.length;
  }
  const rationaleInTime = at === undefined || (kr.rationaleAt !== null && isAtOrBefore(kr.rationaleAt, at));
  return {
    linked: links.length > 0,
    focusMatch,
    rationale: rationaleInTime && rationaleLength(kr.rationale) >= settings.alignment.minRationaleLength,
    managerConfirmed: kr.confirmedAt !== null && isAtOrBefore(kr.confirmedAt, at),
  };
}

/** Score 0..100 of given factors: each factor (true = 1) times its weight in `settings.alignment.weights`. */
export function scoreOfFactors(factors: AlignmentFactors, settings: Settings): number {
  const weights = settings.alignment.weights;
  const raw =
    (factors.linked ? weights.linked : 0) +
    factors.focusMatch * weights.focusMatch +
    (factors.rationale ? weights.rationale : 0) +
    (factors.managerConfirmed ? weights.managerConfirmed : 0);
  return Math.round(raw * SCORE_PRECISION) / SCORE_PRECISION;
}

/** Alignment score 0..100 of one KR as of `at`. */
export function alignmentScore(
  kr: KeyResult,
  objectives: Objective[],
  settings: Settings,
  at?: string,
): number {
  return scoreOfFactors(alignmentFactors(kr, objectives, settings, at), settings);
}

function personalKeyResults(krs: KeyResult[]): KeyResult[] {
  return krs.filter((kr) => kr.ownerType === 'person');
}

function rateOf(aligned: number, total: number): RateResult {
  return { rate: total === 0 ? 0 : aligned / total, aligned, total };
}

/** Share of personal KRs whose alignment score is at least `settings.alignment.minScore` as of `at`. */
export function alignmentRate(
  krs: KeyResult[],
  objectives: Objective[],
  settings: Settings,
  at?: string,
): RateResult {
  const personal = personalKeyResults(krs);
  const aligned = personal.filter(
    (kr) => alignmentScore(kr, objectives, settings, at) >= settings.alignment.minScore,
  ).length;
  return rateOf(aligned, personal.length);
}

/** Share of personal KRs with at least one explicit link made at or before `at`. */
export function linkedRate(krs: KeyResult[], at?: string): RateResult {
  const personal = personalKeyResults(krs);
  const aligned = personal.filter((kr) => kr.links.some((link) => isAtOrBefore(link.linkedAt, at))).length;
  return rateOf(aligned, personal.length);
}
