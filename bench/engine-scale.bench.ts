/**
 * The engine at organisation scale (issue #17), every figure a ratio against a baseline measured in
 * the same run:
 * - `evaluate()` of 200 / 2,000 / 20,000 reps × 5 KRs × 6 months, with the growth ratio per 10× reps
 *   and the ratio to a hand-written end-to-end evaluation (facts + rules: colours, alignment,
 *   staleness, key accounts, the pool fact, and the shipped rules' events, in one direct pass,
 *   without schema validation, metrics rows or pool statements). Both entries are timed: a snapshot
 *   from outside (checked against its schema) and one from the host's storage (`snapshotFrom:
 *   'storage'`, what the hosts run, not checked). Target at 20,000: < 1 s idle, ≤ 3×.
 * - one check-in applied by the incremental evaluator against a full `evaluate()`, at 2,000 and
 *   20,000 reps, with the 20k/2k ratio. Target: < 5 ms, ratio ≤ 1.5.
 * - resident memory of a 20,000-rep evaluation, measured in a fresh process (target < 1 GB).
 * Run: `npm run bench` or `node --import tsx bench/engine-scale.bench.ts` (`--quick`: 200 and 2,000 only).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { utcMillis } from '../plugin/domain/dates.ts';
import { keyResultAt, krProgress, pacePercent } from '../plugin/domain/pace.ts';
import type { Settings } from '../plugin/domain/settings.ts';
import type { CheckIn, Colour, Id, KeyResult, PeerReview, Snapshot } from '../plugin/domain/types.ts';
import { defaultRuleSet, defaultSettings } from '../plugin/engine/default-rules.ts';
import { evaluate } from '../plugin/engine/evaluate.ts';
import { IncrementalEvaluator } from '../plugin/engine/incremental-evaluator.ts';
import type { EventSubject, RuleEvent } from '../plugin/engine/rule-types.ts';
import { syntheticOrg } from './engine-evaluate.bench.ts';
import { median, type Timing, time } from './timing.ts';

const AT = '2026-07-10';
const QUARTER = '2026-Q2';
const QUARTER_END = '2026-06-30';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// The hand-written end-to-end baseline: what evaluate() decides, written directly for this data.

// The fastest parse there is (a plain ISO text read by position), so the baseline is not slowed by Date.parse.
const millis = utcMillis;

interface Out {
  events: RuleEvent[];
  colours: {
    krId: Id;
    month: string;
    colour: Colour;
    pacePercent: number | null;
    missing: boolean;
    checkInId: Id | null;
    amberStreak: number;
    redStreak: number;
  }[];
}

export function handWrittenEndToEnd(snapshot: Snapshot, settings: Settings): Out {
  const { alignment, calibration, alerts, contribution, pool, peerReview } = settings;
  const atEnd = millis(`${AT}T00:00:00Z`) + DAY - 1;
  const atMidnight = millis(`${AT}T00:00:00Z`);
  const dueDay = String(calibration.checkinDueDay).padStart(2, '0');
  const due = MONTHS.map((_, i) => {
    const next = i + 1 < MONTHS.length ? MONTHS[i + 1]! : '2026-07';
    return { date: `${next}-${dueDay}`, end: millis(`${next}-${dueDay}T00:00:00Z`) + DAY - 1 };
  });
  const objectives = new Map(snapshot.objectives.map((o) => [o.id, o]));
  const byKr = new Map<Id, CheckIn[]>();
  for (const c of snapshot.checkIns) {
    const list = byKr.get(c.krId);
    if (list === undefined) byKr.set(c.krId, [c]);
    else list.push(c);
  }
  const events: RuleEvent[] = [];
  const colours: Out['colours'] = [];
  const personalByOwner = new Map<Id, KeyResult[]>();
  for (const kr of snapshot.keyResults) {
    const checkIns = byKr.get(kr.id) ?? [];
    if (kr.ownerType === 'person') {
      const list = personalByOwner.get(kr.ownerId);
      if (list === undefined) personalByOwner.set(kr.ownerId, [kr]);
      else list.push(kr);
    }
    // Alignment.
    let count = 0;
    let total = 0;
    let matching = 0;
    let matchingCount = 0;
    for (const link of kr.links) {
      const objective = objectives.get(link.objectiveId);
      if (objective === undefined || millis(link.linkedAt) > atEnd) continue;
      count++;
      total += link.weight;
      if (objective.focusTags.some((tag) => kr.focusTags.includes(tag))) {
        matching += link.weight;
        matchingCount++;
      }
    }
    const focusMatch = total > 0 ? matching / total : count > 0 ? matchingCount / count : 0;
    const rationale =
      kr.rationaleAt !== null &&
      millis(kr.rationaleAt) <= atEnd &&
      [...kr.rationale.trim()].length >= alignment.minRationaleLength;
    const confirmed = kr.confirmedAt !== null && millis(kr.confirmedAt) <= atEnd;
    const w = alignment.weights;
    const raw =
      (count > 0 ? w.linked : 0) +
      focusMatch * w.focusMatch +
      (rationale ? w.rationale : 0) +
      (confirmed ? w.managerConfirmed : 0);
    const score = Math.round(raw * 1e9) / 1e9;
    // Colours and staleness.
    const latest: (CheckIn | undefined)[] = [];
    let lastUpdate = Number.NEGATIVE_INFINITY;
    for (const c of checkIns) {
      const m = millis(c.submittedAt);
      if (m > atEnd) continue;
      if (m > lastUpdate) lastUpdate = m;
      const i = MONTHS.indexOf(c.month);
      const best = latest[i];
      if (
        i >= 0 &&
        (best === undefined ||
          m > millis(best.submittedAt) ||
          (m === millis(best.submittedAt) && c.id > best.id))
      )
        latest[i] = c;
    }
    const days = Math.max(
      0,
      (atMidnight -
        (lastUpdate === Number.NEGATIVE_INFINITY
          ? millis(`${snapshot.cycle.start}T00:00:00Z`)
          : lastUpdate)) /
        DAY,
    );
    const subject: EventSubject =
      kr.ownerType === 'person' ? { krId: kr.id, personId: kr.ownerId } : { krId: kr.id };
    if (score < alignment.minScore)
      events.push({
        type: 'alignment-low',
        subject: { ...subject },
        params: { score, minScore: alignment.minScore, rationale },
      });
    if (count === 0) events.push({ type: 'kr-unlinked', subject: { ...subject }, params: {} });
    const interval = kr.updateIntervalDays ?? alerts.krStaleDays;
    if (days > interval)
      events.push({
        type: 'kr-stale',
        subject: { ...subject },
        params: {
          daysSinceUpdate: days,
          ownUpdateIntervalDays: kr.updateIntervalDays,
          krStaleDays: alerts.krStaleDays,
        },
      });
    let amber = 0;
    let red = 0;
    for (const [i, month] of MONTHS.entries()) {
      const c = latest[i];
      if (c === undefined && !(atEnd > due[i]!.end)) {
        amber = 0;
        red = 0;
        continue;
      }
      let colour: Colour = 'red';
      let pace: number | null = null;
      if (c !== undefined) {
        pace = pacePercent(krProgress(kr, c.value), (i + 1) / MONTHS.length);
        colour =
          pace >= calibration.greenMinPacePercent
            ? 'green'
            : pace >= calibration.amberMinPacePercent
              ? 'amber'
              : 'red';
      }
      amber = colour === 'amber' ? amber + 1 : 0;
      red = colour === 'red' ? red + 1 : 0;
      colours.push({
        krId: kr.id,
        month,
        colour,
        pacePercent: pace,
        missing: c === undefined,
        checkInId: c?.id ?? null,
        amberStreak: amber,
        redStreak: red,
      });
      if (colour === 'amber')
        events.push({
          type: 'calibration-amber',
          subject: { ...subject, month },
          params: {
            pacePercent: pace,
            amberStreak: amber,
            greenMinPacePercent: calibration.greenMinPacePercent,
          },
        });
      if (colour === 'red')
        events.push({
          type: 'calibration-red',
          subject: { ...subject, month },
          params: {
            pacePercent: pace,
            missing: c === undefined,
            redStreak: red,
            amberMinPacePercent: calibration.amberMinPacePercent,
          },
        });
      if (colour === 'red' || amber >= calibration.amberStreakToEscalate)
        events.push({
          type: 'escalate',
          subject: { ...subject, month },
          params: {
            colour,
            amberStreak: amber,
            redStreak: red,
            amberStreakToEscalate: calibration.amberStreakToEscalate,
          },
        });
      if (c === undefined)
        events.push({
          type: 'checkin-missing',
          subject: { ...subject, month },
          params: { dueDate: due[i]!.date, checkinDueDay: calibration.checkinDueDay },
        });
    }
  }
  for (const account of snapshot.keyAccounts) {
    const days =
      account.lastContactAt === null
        ? null
        : Math.max(0, (atMidnight - millis(`${account.lastContactAt}T00:00:00Z`)) / DAY);
    if (days === null || days > alerts.keyClientGapDays)
      events.push({
        type: 'key-client-gap',
        subject: { accountId: account.id, personId: account.ownerId },
        params: { daysSinceContact: days, keyClientGapDays: alerts.keyClientGapDays },
      });
  }
  // The pool fact: contribution values of the sales people, eligibility, pool size.
  const quarterEnd = millis(`${QUARTER_END}T00:00:00Z`) + DAY - 1;
  const regionOf = new Map(snapshot.people.map((p) => [p.id, p.regionId]));
  const reviews = new Map<Id, PeerReview[]>();
  for (const r of snapshot.peerReviews) {
    if (r.quarter !== QUARTER || r.reviewerId === r.revieweeId) continue;
    const list = reviews.get(r.revieweeId);
    if (list === undefined) reviews.set(r.revieweeId, [r]);
    else list.push(r);
  }
  let eligibleCount = 0;
  let eligibleBase = 0;
  for (const person of snapshot.people) {
    if (person.role !== 'sales') continue;
    const byReviewer = new Map<Id, PeerReview>();
    for (const r of reviews.get(person.id) ?? []) {
      const kept = byReviewer.get(r.reviewerId);
      if (kept === undefined || r.id > kept.id) byReviewer.set(r.reviewerId, r);
    }
    const counted = [...byReviewer.values()];
    const pct = (s: number) => ((s - 1) / 4) * 100;
    let peer: number | null = null;
    if (counted.length >= peerReview.minReviewers && counted.length > 0) {
      const means = counted
        .map((r) => pct((r.scores.collaboration + r.scores.crossRegionHelp + r.scores.knowledgeSharing) / 3))
        .sort((a, b) => a - b);
      const kept = counted.length >= peerReview.trimMinReviewers ? means.slice(1, -1) : means;
      peer = kept.reduce((a, m) => a + m, 0) / kept.length;
    }
    const own = regionOf.get(person.id) ?? null;
    let help: number | null = null;
    if (own !== null) {
      const scores = counted
        .filter((r) => {
          const region = regionOf.get(r.reviewerId) ?? null;
          return region !== null && region !== own;
        })
        .map((r) => pct(r.scores.crossRegionHelp));
      if (scores.length > 0 && scores.length >= peerReview.minReviewers)
        help = scores.reduce((a, s) => a + s, 0) / scores.length;
    }
    const cap = contribution.progressCapPercent / 100;
    let weighted = 0;
    let weights = 0;
    const krs = [...(personalByOwner.get(person.id) ?? [])].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    for (const kr of krs) {
      let latest: CheckIn | undefined;
      for (const c of byKr.get(kr.id) ?? []) {
        if (c.month > '2026-06') continue;
        if (
          latest === undefined ||
          c.month > latest.month ||
          (c.month === latest.month &&
            (millis(c.submittedAt) > millis(latest.submittedAt) ||
              (millis(c.submittedAt) === millis(latest.submittedAt) && c.id > latest.id)))
        )
          latest = c;
      }
      const progress =
        latest === undefined ? 0 : Math.min(cap, krProgress(keyResultAt(kr, QUARTER_END), latest.value));
      let weight = 0;
      for (const link of kr.links) {
        if (millis(link.linkedAt) > quarterEnd) continue;
        const objective = objectives.get(link.objectiveId);
        if (objective) weight += (link.weight / 100) * objective.weight;
      }
      weighted += progress * weight;
      weights += weight;
    }
    const system = weights > 0 ? (100 * weighted) / weights : 0;
    const base =
      peer === null ? system : (contribution.peerWeight * peer + contribution.systemWeight * system) / 100;
    const value = base + (help === null ? 0 : (contribution.crossRegionBonusPercent / 100) * help);
    if (value >= pool.minContribution) {
      eligibleCount++;
      eligibleBase += person.baseBonusCents;
    }
  }
  if (eligibleCount > 0) {
    const poolCents = Number((BigInt(eligibleBase) * BigInt(pool.ratePercent)) / 100n);
    events.push({
      type: 'pool-weights',
      subject: { quarter: QUARTER },
      params: {
        quarter: QUARTER,
        poolCents,
        eligibleCount,
        peerWeight: contribution.peerWeight,
        systemWeight: contribution.systemWeight,
        crossRegionBonusPercent: contribution.crossRegionBonusPercent,
        ratePercent: pool.ratePercent,
        minContribution: pool.minContribution,
        floorPercentOfEqualShare: pool.floorPercentOfEqualShare,
        capPercentOfEqualShare: pool.capPercentOfEqualShare,
      },
    });
  }
  return { events, colours };
}

// ---------------------------------------------------------------------------------------------

const same = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2)} ms`.padStart(10);
const x = (v: number) => `${v.toFixed(v >= 10 ? 0 : 2)} ×`.padStart(8);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A check-in of an existing KR for June with a new value: what a rep's monthly check-in does. */
function checkInWrite(snapshot: Snapshot, n: number): CheckIn {
  const kr = snapshot.keyResults[(n * 7919) % snapshot.keyResults.length]!;
  const existing = snapshot.checkIns.find((c) => c.krId === kr.id && c.month === '2026-06');
  const base: CheckIn = existing ?? {
    id: `${kr.id}-2026-06`,
    krId: kr.id,
    month: '2026-06',
    value: 0,
    selfColour: null,
    colourNote: '',
    submittedAt: '2026-07-03T09:00:00Z',
    blockers: '',
    resourceRequest: null,
    confidence: 7,
  };
  return { ...base, value: 40 + ((n * 37) % 100), submittedAt: `2026-07-0${1 + (n % 9)}T10:00:00Z` };
}

interface Row {
  reps: number;
  /** `evaluate()` of a snapshot from outside: checked against its schema. */
  evaluate: Timing;
  /** `evaluate()` with `snapshotFrom: 'storage'` (what the hosts run on their stored data): no schema check. */
  stored: Timing;
  hand: Timing;
  incrementalMs?: number;
}

/** Both ends agree; in a frame of its own, so neither result is still held while they are timed. */
function checkAgreement(snapshot: Snapshot, settings: Settings, reps: number): void {
  const full = evaluate(snapshot, settings, AT, defaultRuleSet(), { quarter: QUARTER });
  const byHand = handWrittenEndToEnd(snapshot, settings);
  if (!same(full.events, byHand.events) || !same(full.colours, byHand.colours)) {
    throw new Error(`bench/engine-scale: at ${reps} reps the hand-written baseline and evaluate() disagree.`);
  }
  const stored = evaluate(snapshot, settings, AT, defaultRuleSet(), {
    quarter: QUARTER,
    snapshotFrom: 'storage',
  });
  if (!isDeepStrictEqual(stored, full)) {
    throw new Error(`bench/engine-scale: at ${reps} reps evaluate() from storage and from outside disagree.`);
  }
}

function measure(reps: number, withIncremental: boolean): Row {
  const settings = defaultSettings();
  const rules = defaultRuleSet();
  const snapshot = syntheticOrg(reps);
  const runs = reps >= 20_000 ? 3 : reps >= 2_000 ? 5 : 15;
  checkAgreement(snapshot, settings, reps);
  const hand = time(runs, () => handWrittenEndToEnd(snapshot, settings));
  const evaluated = time(runs, () => evaluate(snapshot, settings, AT, rules, { quarter: QUARTER }));
  const stored = time(runs, () =>
    evaluate(snapshot, settings, AT, rules, { quarter: QUARTER, snapshotFrom: 'storage' }),
  );
  const row: Row = { reps, evaluate: evaluated, stored, hand };
  if (withIncremental) {
    const inc = IncrementalEvaluator.create(snapshot, settings, AT, rules, { quarter: QUARTER });
    const writes = Array.from({ length: 201 }, (_, n) => checkInWrite(snapshot, n));
    inc.apply({ kind: 'check-in-saved', checkIn: writes[0]! });
    const times: number[] = [];
    for (const checkIn of writes.slice(1)) {
      const start = performance.now();
      const change = inc.apply({ kind: 'check-in-saved', checkIn });
      times.push(performance.now() - start);
      if (change.krs.length !== 1) throw new Error('bench/engine-scale: a check-in touched no KR.');
    }
    row.incrementalMs = median(times);
    // The held results are those of a full evaluation of the state reached.
    const state = inc.snapshot();
    if (!same(inc.evaluation().events, evaluate(state, settings, AT, rules, { quarter: QUARTER }).events)) {
      throw new Error(
        `bench/engine-scale: at ${reps} reps the incremental results differ from a full evaluation.`,
      );
    }
  }
  return row;
}

/** In a fresh process: memory with a snapshot and what `what` holds (an evaluate() result, or an incremental evaluator). */
function memoryChild(reps: number, what: string): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  const snapshot = syntheticOrg(reps);
  gc();
  const before = process.memoryUsage();
  const held =
    what === 'evaluate'
      ? evaluate(snapshot, defaultSettings(), AT, defaultRuleSet(), { quarter: QUARTER })
      : IncrementalEvaluator.create(snapshot, defaultSettings(), AT, defaultRuleSet(), { quarter: QUARTER });
  gc();
  const after = process.memoryUsage();
  const peak = mb(process.resourceUsage().maxRSS * 1e3);
  console.log(
    JSON.stringify({
      snapshotHeap: mb(before.heapUsed),
      heldHeap: mb(after.heapUsed - before.heapUsed),
      rss: mb(after.rss),
      peak,
      kept: held !== null,
    }),
  );
}

function memory(reps: number): void {
  for (const what of ['evaluate', 'incremental']) {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--memory-child',
        String(reps),
        what,
      ],
      { encoding: 'utf8' },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.log(`  memory (${what}): child failed (${child.stderr.trim().split('\n').at(-1)})`);
      continue;
    }
    const m = JSON.parse(line) as Record<string, number>;
    const label = what === 'evaluate' ? 'evaluate() result held' : 'incremental evaluator held';
    console.log(
      `  memory at ${reps} reps, ${label.padEnd(27)} RSS ${m.rss} MB (peak ${m.peak} MB; heap: snapshot ${m.snapshotHeap} MB + held ${m.heldHeap} MB) — target < 1 GB`,
    );
  }
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? [200, 2_000] : [200, 2_000, 20_000];
  console.log(
    `engine-scale: evaluate() at ${sizes.join(' / ')} reps × 5 KRs × 6 months, as of ${AT}, pool ${QUARTER}`,
  );
  console.log(`  load average at start: ${load()} (2 cores shared: compare ratios, not milliseconds)`);
  const rows: Row[] = [];
  for (const reps of sizes) rows.push(measure(reps, reps >= 2_000));
  console.log(
    '  evaluate() vs the hand-written end-to-end evaluation (facts + rules) of the same organisation;',
  );
  console.log(
    "  two entries: a snapshot from outside (schema check) and one from the host's storage (snapshotFrom: 'storage', what the hosts run):",
  );
  for (const [i, row] of rows.entries()) {
    const prev = rows[i - 1];
    for (const [entry, timing] of [
      ['outside', row.evaluate],
      ['storage', row.stored],
    ] as const) {
      const before = prev === undefined ? undefined : entry === 'outside' ? prev.evaluate : prev.stored;
      const growth =
        before === undefined || prev === undefined
          ? ''
          : `   growth ×10 reps: ${x(timing.cpu / before.cpu)} cpu (hand-written ${x(row.hand.cpu / prev.hand.cpu)})`;
      console.log(
        `  ${String(row.reps).padStart(6)} reps  ${entry} ${ms(timing.wall)} (cpu ${ms(timing.cpu)})  hand-written ${ms(row.hand.wall)} (cpu ${ms(row.hand.cpu)})  ratio ${x(timing.wall / row.hand.wall)} wall ${x(timing.cpu / row.hand.cpu)} cpu${growth}`,
      );
    }
  }
  console.log('  one check-in: incremental evaluator vs a full evaluate() (median of 200 writes, wall):');
  const incRows = rows.filter((row) => row.incrementalMs !== undefined);
  for (const row of incRows) {
    console.log(
      `  ${String(row.reps).padStart(6)} reps  incremental ${ms(row.incrementalMs!)}  full ${ms(row.evaluate.wall)}  ratio 1/${(row.evaluate.wall / row.incrementalMs!).toFixed(0)}`,
    );
  }
  if (incRows.length === 2) {
    const [small, large] = incRows as [Row, Row];
    console.log(
      `  incremental ${large.reps}/${small.reps} reps: ${x(large.incrementalMs! / small.incrementalMs!)} (target ≤ 1.5; full evaluate(): ${x(large.evaluate.wall / small.evaluate.wall)})`,
    );
  }
  if (!quick) memory(20_000);
  console.log(`  load average at end: ${load()}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--memory-child');
  if (at >= 0) memoryChild(Number(process.argv[at + 1]), process.argv[at + 2] ?? 'evaluate');
  else main();
}
