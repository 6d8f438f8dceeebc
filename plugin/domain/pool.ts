import { type Contribution, type ContributionDetail, contributionDetail } from './contribution.ts';
import type { Settings } from './settings.ts';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.ts';
import {
  EXCLUDED_NOT_PRESENT,
  EXCLUDED_NOT_PRESENT_ON_END,
  EXCLUDED_UNDER_MIN_DAYS,
  type PoolPresence,
  poolPresence,
  poolTenureOf,
} from './tenure.ts';
import type { Cents, Id, Quarter, Snapshot } from './types.ts';

/** One person's share of a pool run. */
export interface Allocation {
  personId: Id;
  /** Final amount; the allocations of a run add up to the pool exactly. */
  cents: Cents;
  /** Share proportional to weight before floor, cap and rounding (equal split when all weights are 0). */
  idealCents: number;
  /** The share was raised to the floor. */
  floorApplied: boolean;
  /** The share was lowered to the cap. */
  capApplied: boolean;
}

/** A statement line: an i18n key (`plugin/domain/locale/statement.*.json`) and its parameters. */
export interface StatementLine {
  key: string;
  params: Record<string, number | string>;
}

/** Explains every number of one person's pool allocation. */
export interface PoolStatement {
  personId: Id;
  quarter: Quarter;
  contribution: Contribution;
  weights: { peer: number; system: number; crossRegionBonusPercent: number };
  allocation: Allocation;
  lines: StatementLine[];
}

export interface PoolRunResult {
  quarter: Quarter;
  poolCents: Cents;
  /** Eligible people, sorted by id. */
  eligible: Id[];
  /** Sales people left out of the pool; `reason` is an i18n key of the statement locale. */
  excluded: { personId: Id; reason: string }[];
  allocations: Allocation[];
  statements: PoolStatement[];
}

/** Reason key of a sales person whose contribution value is below `settings.pool.minContribution`. */
export const EXCLUDED_BELOW_MIN_CONTRIBUTION = 'statement.excluded.belowMinContribution';

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`pool: ${what} must be a non-negative integer number of cents, got ${value}`);
  }
}

function assertPercent(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`pool: ${what} must be a non-negative whole percentage, got ${value}`);
  }
}

/**
 * Size of the floating pool: Σ base bonuses × `ratePercent` / 100, computed exactly in BigInt and
 * rounded down to the cent (the company never pays out a fraction of a cent it did not budget).
 */
export function poolSize(baseBonusesCents: number[], ratePercent: number): Cents {
  assertPercent(ratePercent, 'ratePercent');
  let total = 0n;
  for (const bonus of baseBonusesCents) {
    assertCents(bonus, 'a base bonus');
    total += BigInt(bonus);
  }
  const pool = (total * BigInt(ratePercent)) / 100n;
  if (pool > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`pool: pool size ${pool} cents exceeds the safe integer range; check the base bonuses`);
  }
  return Number(pool);
}

/**
 * Size of the floating pool when some people count only part of the quarter:
 * Σ base × countedDays × `ratePercent` / (100 × quarterDays), exact in BigInt and rounded down to
 * the cent. With everyone at `quarterDays` it is {@link poolSize}.
 */
export function proRatedPoolSize(
  people: { baseBonusCents: Cents; countedDays: number }[],
  quarterDays: number,
  ratePercent: number,
): Cents {
  assertPercent(ratePercent, 'ratePercent');
  if (!Number.isSafeInteger(quarterDays) || quarterDays < 1)
    throw new Error(`pool: quarterDays must be a whole number >= 1, got ${quarterDays}`);
  let total = 0n;
  for (const p of people) {
    assertCents(p.baseBonusCents, 'a base bonus');
    assertDays(p.countedDays, quarterDays);
    total += BigInt(p.baseBonusCents) * BigInt(p.countedDays);
  }
  const pool = (total * BigInt(ratePercent)) / (100n * BigInt(quarterDays));
  if (pool > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`pool: pool size ${pool} cents exceeds the safe integer range; check the base bonuses`);
  }
  return Number(pool);
}

function assertDays(days: number, max: number): void {
  if (!Number.isSafeInteger(days) || days < 1 || days > max)
    throw new Error(`pool: counted days must be a whole number from 1 to ${max}, got ${days}`);
}

/** The floor and cap of one share, in whole cents. */
export interface ShareBounds {
  floorCents: Cents;
  capCents: Cents;
}

/**
 * Floor and cap of a share in whole cents: floor = ⌈pool × floorPercent / (100 n)⌉ and
 * cap = ⌊pool × capPercent / (100 n)⌋, so the bounds hold exactly in cents. Only when the pool
 * cannot be split that way (the bound lies within one cent of the equal share pool / n) is the floor
 * lowered to ⌊pool / n⌋ or the cap raised to ⌈pool / n⌉.
 */
export function shareBounds(
  poolCents: Cents,
  n: number,
  floorPercent: number,
  capPercent: number,
): ShareBounds {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`pool: number of people must be >= 1, got ${n}`);
  return shareBoundsByDays(poolCents, Array(n).fill(1), floorPercent, capPercent)[0]!;
}

/**
 * {@link shareBounds} per person when people count different numbers of days: the equal share of a
 * person is pool × days / Σ days, so floor and cap are pro-rated with it. Equal days give
 * {@link shareBounds} for everyone.
 */
export function shareBoundsByDays(
  poolCents: Cents,
  days: number[],
  floorPercent: number,
  capPercent: number,
): ShareBounds[] {
  assertCents(poolCents, 'poolCents');
  if (days.length < 1) throw new Error('pool: number of people must be >= 1, got 0');
  for (const d of days) assertDays(d, Number.MAX_SAFE_INTEGER);
  assertPercent(floorPercent, 'floorPercent');
  assertPercent(capPercent, 'capPercent');
  if (floorPercent > 100) throw new Error(`pool: floorPercent must be <= 100, got ${floorPercent}`);
  if (capPercent < 100) throw new Error(`pool: capPercent must be >= 100, got ${capPercent}`);
  const pool = BigInt(poolCents);
  const allDays = days.reduce((sum, d) => sum + BigInt(d), 0n);
  const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
  return days.map((d) => {
    const share = pool * BigInt(d);
    const equalDown = share / allDays;
    const equalUp = ceilDiv(share, allDays);
    let floor = ceilDiv(share * BigInt(floorPercent), 100n * allDays);
    if (floor > equalDown) floor = equalDown;
    let cap = (share * BigInt(capPercent)) / (100n * allDays);
    if (cap < equalUp) cap = equalUp;
    return { floorCents: Number(floor), capCents: Number(cap) };
  });
}

interface Entry {
  personId: Id;
  weight: number;
  days: number;
}

const byPersonId = (a: { personId: Id }, b: { personId: Id }) =>
  a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;

type Clamp = 'floor' | 'cap' | null;

/**
 * Water-filling over shares in [lo, hi] (per person) adding up to `pool`. Positive weights share what
 * the others leave in proportion to weight; each round fixes either everyone above their cap or
 * everyone below their floor, whichever side is further out (fixing the larger violation first never
 * has to be undone), until nobody is out of bounds. Zero weights sit at their floor and share what is
 * left when every positive weight is capped in proportion to `days`. Works on weight ratios, so tiny
 * or huge weights do not overflow.
 */
function waterFill(
  pool: number,
  weights: number[],
  days: number[],
  lo: number[],
  hi: number[],
): { share: number; clamp: Clamp }[] {
  const result = weights.map((_, i) => ({ share: lo[i]!, clamp: null as Clamp }));
  let free = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  let fixedTotal = weights.reduce((sum, w, i) => (w > 0 ? sum : sum + lo[i]!), 0);
  while (free.length > 0) {
    const rest = pool - fixedTotal;
    const freeWeight = free.reduce((sum, i) => sum + weights[i]!, 0);
    let excess = 0;
    let deficit = 0;
    for (const i of free) {
      const share = rest * (weights[i]! / freeWeight);
      result[i]!.share = share;
      if (share > hi[i]!) excess += share - hi[i]!;
      if (share < lo[i]!) deficit += lo[i]! - share;
    }
    if (excess === 0 && deficit === 0) break;
    const clamp: Clamp = excess >= deficit ? 'cap' : 'floor';
    const before = free.length;
    free = free.filter((i) => {
      const r = result[i]!;
      if (clamp === 'cap' ? r.share <= hi[i]! : r.share >= lo[i]!) return true;
      r.share = clamp === 'cap' ? hi[i]! : lo[i]!;
      r.clamp = clamp;
      fixedTotal += r.share;
      return false;
    });
    if (free.length === before) throw new Error('pool: internal error, water-filling made no progress');
  }
  if (free.length === 0) {
    const zeros = weights.flatMap((w, i) => (w > 0 ? [] : [i]));
    const zeroDays = zeros.reduce((sum, i) => sum + days[i]!, 0);
    const leftover = pool - fixedTotal;
    if (zeros.length > 0 && leftover > 0) {
      for (const i of zeros) result[i]!.share = lo[i]! + (leftover * days[i]!) / zeroDays;
    }
  }
  for (const [i, w] of weights.entries()) {
    const r = result[i]!;
    if (w === 0 && r.share === lo[i]! && lo[i]! > 0) r.clamp = 'floor';
  }
  return result;
}

/**
 * Splits `poolCents` in proportion to weight × days. Each share is clamped to
 * [`floorPercent`, `capPercent`] % of the person's equal share pool × days / Σ days (in whole
 * cents, see {@link shareBoundsByDays}); what the clamped people give up or receive is spread over the
 * others in proportion to their weights (water-filling). People with weight 0 get the floor, plus a
 * part by days of what is left when everyone else is at the cap; when all weights are 0 the pool is
 * split by days. Shares are then rounded down to the cent and the remaining cents go one each to the
 * largest remainders, ties to the smaller personId. Σ cents === poolCents always.
 *
 * `days` (whole, >= 1) are the days each person counts in the quarter (see `tenure.ts`); without
 * them everyone counts the same, which is the plain per-head split.
 *
 * The result is sorted by personId and does not depend on the order of `weights`.
 * An empty list returns []. Throws on a negative or non-finite weight, a duplicate personId,
 * days given for some people only, a pool that is not a non-negative integer, floorPercent > 100
 * or capPercent < 100.
 */
export function allocatePool(
  poolCents: Cents,
  weights: { personId: Id; weight: number; days?: number }[],
  floorPercent: number,
  capPercent: number,
): Allocation[] {
  assertCents(poolCents, 'poolCents');
  assertPercent(floorPercent, 'floorPercent');
  assertPercent(capPercent, 'capPercent');
  if (floorPercent > 100) throw new Error(`pool: floorPercent must be <= 100, got ${floorPercent}`);
  if (capPercent < 100) throw new Error(`pool: capPercent must be >= 100, got ${capPercent}`);
  const seen = new Set<Id>();
  const withDays = weights.filter((w) => w.days !== undefined).length;
  if (withDays !== 0 && withDays !== weights.length)
    throw new Error('pool: days were given for some people only; give them for everyone or nobody');
  for (const w of weights) {
    if (!Number.isFinite(w.weight) || w.weight < 0) {
      throw new Error(`pool: weight of ${w.personId} must be a finite number >= 0, got ${w.weight}`);
    }
    if (w.days !== undefined) assertDays(w.days, Number.MAX_SAFE_INTEGER);
    if (seen.has(w.personId)) throw new Error(`pool: person ${w.personId} appears twice in the weights`);
    seen.add(w.personId);
  }
  if (weights.length === 0) return [];

  const entries: Entry[] = weights
    .map((w) => ({ personId: w.personId, weight: w.weight, days: w.days ?? 1 }))
    .sort(byPersonId);
  const n = entries.length;
  const allDays = entries.reduce((sum, e) => sum + e.days, 0);
  // Huge weights are scaled down so that their sum stays finite; tiny ones are left as they are.
  const maxWeight = Math.max(1, ...entries.map((e) => e.weight));
  const scaled = entries.map((e) => (e.weight / maxWeight) * e.days);
  const totalWeight = scaled.reduce((sum, w) => sum + w, 0);
  const bounds = shareBoundsByDays(
    poolCents,
    entries.map((e) => e.days),
    floorPercent,
    capPercent,
  );
  const lo = bounds.map((b) => b.floorCents);
  const hi = bounds.map((b) => b.capCents);

  const filled = waterFill(
    poolCents,
    scaled,
    entries.map((e) => e.days),
    lo,
    hi,
  );
  const shares = filled.map((f) => f.share);

  const cents = shares.map((s, i) => Math.min(hi[i]!, Math.max(lo[i]!, Math.floor(s))));
  let remaining = poolCents - cents.reduce((sum, c) => sum + c, 0);
  if (Math.abs(remaining) > n) {
    throw new Error(
      `pool: internal error, shares miss the pool by ${remaining} cents; please report the weights`,
    );
  }
  const remainder = shares.map((s) => s - Math.floor(s));
  const indices = entries.map((_, i) => i);
  // Floating-point shares may be off by a hair; the loops still land exactly on the pool because
  // Σ lo <= pool <= Σ hi, and normally finish within one pass.
  if (remaining > 0) {
    const order = [...indices].sort((a, b) => remainder[b]! - remainder[a]! || a - b);
    while (remaining > 0) {
      const before = remaining;
      for (const i of order) {
        if (remaining === 0) break;
        if (cents[i]! < hi[i]!) {
          cents[i]! += 1;
          remaining -= 1;
        }
      }
      if (remaining === before)
        throw new Error(`pool: internal error, ${remaining} cents could not be placed`);
    }
  } else if (remaining < 0) {
    const order = [...indices].sort((a, b) => remainder[a]! - remainder[b]! || b - a);
    while (remaining < 0) {
      const before = remaining;
      for (const i of order) {
        if (remaining === 0) break;
        if (cents[i]! > lo[i]!) {
          cents[i]! -= 1;
          remaining += 1;
        }
      }
      if (remaining === before)
        throw new Error(`pool: internal error, ${remaining} cents could not be placed`);
    }
  }

  return entries.map((e, i) => {
    const idealCents =
      totalWeight === 0 ? (poolCents * e.days) / allDays : poolCents * (scaled[i]! / totalWeight);
    return {
      personId: e.personId,
      cents: cents[i]!,
      idealCents,
      floorApplied: filled[i]!.clamp === 'floor',
      capApplied: filled[i]!.clamp === 'cap',
    };
  });
}

/** Every i18n key a statement line or an exclusion reason can carry. */
const KEYS = {
  peerScore: 'statement.peer.score',
  peerTrimmed: 'statement.peer.trimmed',
  peerUntrimmed: 'statement.peer.untrimmed',
  peerNotCounted: 'statement.peer.notCounted',
  systemKr: 'statement.system.kr',
  systemKrUnlinked: 'statement.system.krUnlinked',
  systemScore: 'statement.system.score',
  systemNoLinkedKr: 'statement.system.noLinkedKr',
  crossRegionBonus: 'statement.crossRegion.bonus',
  crossRegionNone: 'statement.crossRegion.none',
  valueWeighted: 'statement.value.weighted',
  valueSystemOnly: 'statement.value.systemOnly',
  valueTotal: 'statement.value.total',
  poolSize: 'statement.pool.size',
  poolBaseBonus: 'statement.pool.baseBonus',
  poolIdeal: 'statement.pool.ideal',
  poolFloor: 'statement.pool.floor',
  poolCap: 'statement.pool.cap',
  poolRedistributed: 'statement.pool.redistributed',
  poolFinal: 'statement.pool.final',
  tenureProRata: 'statement.tenure.proRata',
  tenureFull: 'statement.tenure.full',
} as const;

/** All keys {@link computePoolRun} can emit, for locale completeness checks. */
export const STATEMENT_KEYS: readonly string[] = [
  ...Object.values(KEYS),
  EXCLUDED_BELOW_MIN_CONTRIBUTION,
  EXCLUDED_NOT_PRESENT,
  EXCLUDED_NOT_PRESENT_ON_END,
  EXCLUDED_UNDER_MIN_DAYS,
];

/** Cents as yuan, for display parameters only; money itself stays in cents. */
const yuan = (cents: number) => cents / 100;

interface RunContext {
  settings: Settings;
  index: SnapshotIndex;
  poolCents: Cents;
  eligibleCount: number;
  /** Σ base bonuses as counted into the pool (pro-rated by days, so it may hold fractions of a cent). */
  eligibleBaseCents: number;
  totalValue: number;
  bounds: ReadonlyMap<Id, ShareBounds>;
}

function statementLines(
  detail: ContributionDetail,
  allocation: Allocation,
  baseBonusCents: Cents,
  presence: PoolPresence,
  ctx: RunContext,
) {
  const { settings, index } = ctx;
  const bounds = ctx.bounds.get(allocation.personId)!;
  const { contribution, peer, system } = detail;
  const lines: StatementLine[] = [];
  const line = (key: string, params: Record<string, number | string> = {}) => lines.push({ key, params });

  if (peer.score === null) {
    line(KEYS.peerNotCounted, { count: peer.count, minReviewers: settings.peerReview.minReviewers });
  } else {
    line(KEYS.peerScore, { count: peer.count, score: peer.score });
    line(peer.trimmed ? KEYS.peerTrimmed : KEYS.peerUntrimmed, {
      count: peer.count,
      trimMinReviewers: settings.peerReview.trimMinReviewers,
    });
  }

  const titleOf = (krId: Id) => index.krById.get(krId)?.title ?? krId;
  for (const part of system.parts) {
    if (part.strategicWeight > 0) {
      line(KEYS.systemKr, {
        krId: part.krId,
        krTitle: titleOf(part.krId),
        progressPercent: part.progress * 100,
        progressCapPercent: settings.contribution.progressCapPercent,
        strategicWeight: part.strategicWeight,
      });
    } else {
      line(KEYS.systemKrUnlinked, { krId: part.krId, krTitle: titleOf(part.krId) });
    }
  }
  if (system.parts.some((p) => p.strategicWeight > 0)) line(KEYS.systemScore, { score: system.score });
  else line(KEYS.systemNoLinkedKr);

  const { peerWeight, systemWeight, crossRegionBonusPercent } = settings.contribution;
  if (contribution.peer === null) {
    line(KEYS.valueSystemOnly, { system: contribution.system, peerWeight, systemWeight });
  } else {
    line(KEYS.valueWeighted, {
      peerWeight,
      peer: contribution.peer,
      systemWeight,
      system: contribution.system,
      base: (peerWeight * contribution.peer + systemWeight * contribution.system) / 100,
    });
  }
  if (contribution.crossRegionHelp === null) {
    line(KEYS.crossRegionNone, { bonusPercent: crossRegionBonusPercent });
  } else {
    line(KEYS.crossRegionBonus, {
      help: contribution.crossRegionHelp,
      bonusPercent: crossRegionBonusPercent,
      points: (crossRegionBonusPercent / 100) * contribution.crossRegionHelp,
    });
  }
  line(KEYS.valueTotal, { value: contribution.value, minContribution: settings.pool.minContribution });

  if (presence.days < presence.quarterDays) {
    const tenure = { days: presence.days, quarterDays: presence.quarterDays };
    if (presence.countedDays === presence.days)
      line(KEYS.tenureProRata, { ...tenure, percent: (presence.days / presence.quarterDays) * 100 });
    else line(KEYS.tenureFull, { ...tenure, mode: poolTenureOf(settings).mode });
  }
  line(KEYS.poolSize, {
    eligibleCount: ctx.eligibleCount,
    eligibleBaseYuan: yuan(ctx.eligibleBaseCents),
    ratePercent: settings.pool.ratePercent,
    poolYuan: yuan(ctx.poolCents),
    poolCents: ctx.poolCents,
  });
  line(KEYS.poolBaseBonus, { baseBonusYuan: yuan(baseBonusCents), baseBonusCents });
  line(KEYS.poolIdeal, {
    value: contribution.value,
    totalValue: ctx.totalValue,
    idealYuan: yuan(allocation.idealCents),
  });
  if (allocation.floorApplied) {
    line(KEYS.poolFloor, {
      floorPercent: settings.pool.floorPercentOfEqualShare,
      floorYuan: yuan(bounds.floorCents),
    });
  } else if (allocation.capApplied) {
    line(KEYS.poolCap, {
      capPercent: settings.pool.capPercentOfEqualShare,
      capYuan: yuan(bounds.capCents),
    });
  } else if (Math.abs(allocation.cents - allocation.idealCents) >= 1) {
    line(KEYS.poolRedistributed, {
      floorPercent: settings.pool.floorPercentOfEqualShare,
      capPercent: settings.pool.capPercentOfEqualShare,
    });
  }
  line(KEYS.poolFinal, { finalYuan: yuan(allocation.cents), finalCents: allocation.cents });
  return lines;
}

/**
 * The quarterly pool run: sales people present in the quarter (by HR's `settings.pool.tenure` rule,
 * see `tenure.ts`) whose contribution value reaches `settings.pool.minContribution` share a pool of
 * `settings.pool.ratePercent` % of their base bonuses, split by contribution value with floor and cap
 * ({@link allocatePool}); every eligible person gets a statement explaining each number.
 *
 * Under `pro-rata-days` a person present part of the quarter counts for those days twice over, the
 * same way: their base bonus adds base × days / quarter days to the pool, and their weight, floor and
 * cap are pro-rated likewise, so what they do not take stays in the pool of the others without
 * anyone's floor or cap being bent. The pool is one pool for the company (not split per region), so a
 * person who moved region mid-quarter is one person with their whole tenure.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 * @param detailOf each sales person's contribution detail, when the caller holds them already
 */
export function computePoolRun(
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index: SnapshotIndex = indexSnapshot(snapshot),
  detailOf: (personId: Id) => ContributionDetail = (personId) =>
    contributionDetail(personId, snapshot, settings, quarter, index),
): PoolRunResult {
  const sales = snapshot.people
    .filter((p) => p.role === 'sales')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rule = poolTenureOf(settings);
  const details = new Map<Id, ContributionDetail>();
  const presenceOf = new Map<Id, PoolPresence>();
  const eligible: typeof sales = [];
  const excluded: PoolRunResult['excluded'] = [];
  for (const person of sales) {
    const presence = poolPresence(person, quarter, rule);
    presenceOf.set(person.id, presence);
    if (presence.excludedReason) {
      excluded.push({ personId: person.id, reason: presence.excludedReason });
      continue;
    }
    const detail = detailOf(person.id);
    details.set(person.id, detail);
    if (detail.contribution.value >= settings.pool.minContribution) eligible.push(person);
    else excluded.push({ personId: person.id, reason: EXCLUDED_BELOW_MIN_CONTRIBUTION });
  }
  const counted = eligible.map((p) => ({
    personId: p.id,
    baseBonusCents: p.baseBonusCents,
    countedDays: presenceOf.get(p.id)!.countedDays,
  }));
  const quarterDays = presenceOf.get(sales[0]?.id ?? '')?.quarterDays ?? 1;
  // Everyone for the whole quarter is the plain per-head split, computed as it always was.
  const whole = counted.every((c) => c.countedDays === quarterDays);
  const poolCents = whole
    ? poolSize(
        counted.map((c) => c.baseBonusCents),
        settings.pool.ratePercent,
      )
    : proRatedPoolSize(counted, quarterDays, settings.pool.ratePercent);
  const { floorPercentOfEqualShare: floorPercent, capPercentOfEqualShare: capPercent } = settings.pool;
  const allocations = allocatePool(
    poolCents,
    counted.map((c) => ({
      personId: c.personId,
      weight: details.get(c.personId)!.contribution.value,
      ...(whole ? {} : { days: c.countedDays }),
    })),
    floorPercent,
    capPercent,
  );
  const bounds =
    counted.length > 0
      ? shareBoundsByDays(
          poolCents,
          counted.map((c) => (whole ? 1 : c.countedDays)),
          floorPercent,
          capPercent,
        )
      : [];
  const ctx: RunContext = {
    settings,
    index,
    poolCents,
    eligibleCount: eligible.length,
    eligibleBaseCents: counted.reduce((sum, c) => sum + (c.baseBonusCents * c.countedDays) / quarterDays, 0),
    totalValue: eligible.reduce((sum, p) => sum + details.get(p.id)!.contribution.value, 0),
    bounds: new Map(counted.map((c, i) => [c.personId, bounds[i]!])),
  };
  const statements = eligible.map((person, i): PoolStatement => {
    const detail = details.get(person.id)!;
    const allocation = allocations[i]!;
    return {
      personId: person.id,
      quarter,
      contribution: detail.contribution,
      weights: {
        peer: settings.contribution.peerWeight,
        system: settings.contribution.systemWeight,
        crossRegionBonusPercent: settings.contribution.crossRegionBonusPercent,
      },
      allocation,
      lines: statementLines(detail, allocation, person.baseBonusCents, presenceOf.get(person.id)!, ctx),
    };
  });
  return { quarter, poolCents, eligible: eligible.map((p) => p.id), excluded, allocations, statements };
}
