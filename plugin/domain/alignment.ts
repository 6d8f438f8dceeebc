import { asOfMillis, utcMillis } from './dates.ts';
import { existsAt } from './kr-lifetime.ts';
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

/** True when an instant lies at or before the "as of" value a test was made for. */
type AsOf = (instant: string) => boolean;

/**
 * `isAtOrBefore(instant, at)` for many instants against one `at`, which is parsed once, on first
 * use (so an `at` that is never compared is never parsed, as with `isAtOrBefore`).
 */
function asOf(at: string | undefined): AsOf {
  let atMillis: number | undefined;
  return (instant) => {
    if (at === undefined) return true;
    const millis = utcMillis(instant);
    atMillis ??= asOfMillis(at);
    return millis <= atMillis;
  };
}

/** Links that exist as of `at` and point to an Objective in `objectives`. */
function countedLinks(kr: KeyResult, objectives: Map<string, Objective>, inTime: AsOf): KrLink[] {
  return kr.links.filter((link) => objectives.has(link.objectiveId) && inTime(link.linkedAt));
}

function sharesFocusTag(kr: KeyResult, objective: Objective | undefined): boolean {
  return objective?.focusTags.some((tag) => kr.focusTags.includes(tag)) ?? false;
}

/** Rationale length in characters (code points), so Chinese text counts one per character. */
function rationaleLength(rationale: string): number {
  let length = 0;
  for (const _codePoint of rationale.trim()) length++;
  return length;
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
  return factorsWith(kr, objectivesById(objectives), settings, at, asOf(at));
}

function objectivesById(objectives: Objective[]): Map<string, Objective> {
  return new Map(objectives.map((objective) => [objective.id, objective]));
}

function factorsWith(
  kr: KeyResult,
  byId: Map<string, Objective>,
  settings: Settings,
  at: string | undefined,
  inTime: AsOf,
): AlignmentFactors {
  const links = countedLinks(kr, byId, inTime);
  const totalWeight = links.reduce((sum, link) => sum + link.weight, 0);
  const matching = links.filter((link) => sharesFocusTag(kr, byId.get(link.objectiveId)));
  let focusMatch = 0;
  if (totalWeight > 0) {
    focusMatch = matching.reduce((sum, link) => sum + link.weight, 0) / totalWeight;
  } else if (links.length > 0) {
    // All links weigh zero: fall back to the share of links.
    focusMatch = matching.length / links.length;
  }
  const rationaleInTime = at === undefined || (kr.rationaleAt !== null && inTime(kr.rationaleAt));
  return {
    linked: links.length > 0,
    focusMatch,
    rationale: rationaleInTime && rationaleLength(kr.rationale) >= settings.alignment.minRationaleLength,
    managerConfirmed: kr.confirmedAt !== null && inTime(kr.confirmedAt),
  };
}

/** Score 0..100 of given factors: each factor (true = 1) times its weight in `settings.alignment.weights`. */
export function scoreOfFactors(factors: AlignmentFactors, settings: Settings): number {
  return scoreOf(factors.linked, factors.focusMatch, factors.rationale, factors.managerConfirmed, settings);
}

function scoreOf(
  linked: boolean,
  focusMatch: number,
  rationale: boolean,
  managerConfirmed: boolean,
  settings: Settings,
): number {
  const weights = settings.alignment.weights;
  const raw =
    (linked ? weights.linked : 0) +
    focusMatch * weights.focusMatch +
    (rationale ? weights.rationale : 0) +
    (managerConfirmed ? weights.managerConfirmed : 0);
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

/** The personal KRs, of those created by `at` when it is given (a KR not yet there is not in a rate). */
function personalKeyResults(krs: KeyResult[], at?: string): KeyResult[] {
  const personal = krs.filter((kr) => kr.ownerType === 'person');
  if (at === undefined || personal.length === 0) return personal;
  const atMillis = asOfMillis(at);
  return personal.filter((kr) => existsAt(kr, atMillis));
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
  const personal = personalKeyResults(krs, at);
  const byId = objectivesById(objectives);
  const inTime = asOf(at);
  const aligned = personal.filter(
    (kr) =>
      scoreOfFactors(factorsWith(kr, byId, settings, at, inTime), settings) >= settings.alignment.minScore,
  ).length;
  return rateOf(aligned, personal.length);
}

/**
 * A KR's alignment inputs parsed once, so its factors can be taken at many "as of" instants
 * ({@link factorsAsOf}) without parsing dates again. Instants that fail to parse are NaN and are
 * parsed again (to throw the same error) only where the unprepared functions would read them.
 */
export interface PreparedAlignment {
  kr: KeyResult;
  /** The links to Objectives in `objectives`, in link order. */
  known: { weight: number; instant: string; millis: number; matches: boolean }[];
  /** Every link's `linkedAt` in epoch milliseconds, in link order (for {@link linkedRate}). */
  linkMillis: number[];
  rationaleLength: number;
  rationaleAtMillis: number | null;
  confirmedAtMillis: number | null;
}

function millisOrNaN(instant: string): number {
  try {
    return utcMillis(instant);
  } catch {
    return Number.NaN;
  }
}

/** Parses the alignment inputs of `kr` against Objectives by id (see {@link PreparedAlignment}). */
export function prepareAlignment(
  kr: KeyResult,
  objectivesById: ReadonlyMap<string, Objective>,
): PreparedAlignment {
  const known: PreparedAlignment['known'] = [];
  const linkMillis: number[] = [];
  for (const link of kr.links) {
    const millis = millisOrNaN(link.linkedAt);
    linkMillis.push(millis);
    const objective = objectivesById.get(link.objectiveId);
    if (objective === undefined && !objectivesById.has(link.objectiveId)) continue;
    known.push({
      weight: link.weight,
      instant: link.linkedAt,
      millis,
      matches: sharesFocusTag(kr, objective),
    });
  }
  return {
    kr,
    known,
    linkMillis,
    rationaleLength: rationaleLength(kr.rationale),
    rationaleAtMillis: kr.rationaleAt === null ? null : millisOrNaN(kr.rationaleAt),
    confirmedAtMillis: kr.confirmedAt === null ? null : millisOrNaN(kr.confirmedAt),
  };
}

/** `millis <= atMillis`, throwing the parse error of `instant` when it did not parse. */
function preparedInTime(millis: number, instant: string, atMillis: number): boolean {
  if (Number.isNaN(millis)) return utcMillis(instant) <= atMillis;
  return millis <= atMillis;
}

/**
 * {@link alignmentFactors} of a prepared KR as of the instant `atMillis` (an {@link asOfMillis}):
 * the same numbers, added in the same order.
 */
export function factorsAsOf(p: PreparedAlignment, settings: Settings, atMillis: number): AlignmentFactors {
  preparedFactors(p, settings, atMillis);
  return {
    linked: scratch.linked,
    focusMatch: scratch.focusMatch,
    rationale: scratch.rationale,
    managerConfirmed: scratch.managerConfirmed,
  };
}

/** `scoreOfFactors(factorsAsOf(p, settings, atMillis), settings)` without making the factors object. */
export function scoreAsOf(p: PreparedAlignment, settings: Settings, atMillis: number): number {
  preparedFactors(p, settings, atMillis);
  return scoreOf(scratch.linked, scratch.focusMatch, scratch.rationale, scratch.managerConfirmed, settings);
}

const scratch: AlignmentFactors = { linked: false, focusMatch: 0, rationale: false, managerConfirmed: false };

/** Computes the factors of a prepared KR into `scratch` (one object reused, read at once by the callers). */
function preparedFactors(p: PreparedAlignment, settings: Settings, atMillis: number): void {
  let count = 0;
  let totalWeight = 0;
  let matchCount = 0;
  let matchWeight = 0;
  for (const link of p.known) {
    if (!preparedInTime(link.millis, link.instant, atMillis)) continue;
    count++;
    totalWeight += link.weight;
    if (link.matches) {
      matchCount++;
      matchWeight += link.weight;
    }
  }
  let focusMatch = 0;
  if (totalWeight > 0) focusMatch = matchWeight / totalWeight;
  else if (count > 0) focusMatch = matchCount / count;
  const kr = p.kr;
  const rationaleInTime =
    p.rationaleAtMillis !== null && preparedInTime(p.rationaleAtMillis, kr.rationaleAt!, atMillis);
  scratch.linked = count > 0;
  scratch.focusMatch = focusMatch;
  scratch.rationale = rationaleInTime && p.rationaleLength >= settings.alignment.minRationaleLength;
  scratch.managerConfirmed =
    p.confirmedAtMillis !== null && preparedInTime(p.confirmedAtMillis, kr.confirmedAt!, atMillis);
}

/** True when the prepared KR has a link made at or before `atMillis` ({@link linkedRate}'s test). */
export function linkedAsOf(p: PreparedAlignment, atMillis: number): boolean {
  const links = p.kr.links;
  for (let i = 0; i < links.length; i++) {
    if (preparedInTime(p.linkMillis[i]!, links[i]!.linkedAt, atMillis)) return true;
  }
  return false;
}

/** Share of personal KRs with at least one explicit link made at or before `at`. */
export function linkedRate(krs: KeyResult[], at?: string): RateResult {
  const personal = personalKeyResults(krs, at);
  const inTime = asOf(at);
  const aligned = personal.filter((kr) => kr.links.some((link) => inTime(link.linkedAt))).length;
  return rateOf(aligned, personal.length);
}
