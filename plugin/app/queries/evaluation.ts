import type { Settings } from '../../domain/settings.ts';
import type { Cycle, Id, Snapshot } from '../../domain/types.ts';
import { type CustomRuleDocument, effectiveSettings, ruleSetWithCustom } from '../../engine/custom-rules.ts';
import { currentRuleVersion } from '../../engine/custom-rules-versions.ts';
import { type EvaluateOptions, type Evaluation, evaluate } from '../../engine/index.ts';
import type { Action, DataPort, HostUser, Subject } from '../../sdk/index.ts';
import { requireAllowed } from '../command.ts';
import { pickCurrentCycle } from '../current-cycle.ts';
import { badRequest, notFound } from '../errors.ts';
import type { Records, UnitOfWork } from '../ports.ts';
import { currentVersion } from '../settings-document.ts';

/** One run of the engine: the published (or proposed) settings and the custom rules they go with. */
export interface EvaluationRun {
  snapshot: Snapshot;
  settings: Settings;
  at: string;
  custom: CustomRuleDocument | null;
  options?: EvaluateOptions;
}

/** The engine in process with the built-in rules and `custom`: what a host's `evaluate` port runs. */
export const evaluateWithCustom = ({ snapshot, settings, at, custom, options }: EvaluationRun): Evaluation =>
  evaluate(snapshot, effectiveSettings(settings, custom), at, ruleSetWithCustom(custom), options);

/** What evaluating a cycle needs of a host: its records, its snapshot read, its day and its engine. */
export interface EvaluationPorts {
  uow: UnitOfWork;
  data: Pick<DataPort, 'snapshot'>;
  /** The host's day (ISO date): an evaluation without `at` is as of this day. */
  today(): string;
  /** Runs the engine with the built-in rules and `custom` (a host may run it off its event loop). */
  evaluate(run: EvaluationRun): Promise<Evaluation>;
}

/** The day a cycle is judged as of: today, but never before the cycle starts nor after it ends. */
export const evaluationDate = (cycle: Pick<Cycle, 'start' | 'end'>, today: string): string =>
  [cycle.start, today, cycle.end].sort()[1]!;

/** Refuses the caller unless the pack policy lets them `action` records of `type`. */
export function requireCaller(
  user: HostUser | null,
  action: Action,
  type: Subject['type'],
  what: string = type,
): asserts user is HostUser {
  requireAllowed(user, action, { type }, what);
}

/** The published settings in effect (a host seeds version 1 when it installs). */
export async function publishedSettings(records: Pick<Records, 'find'>) {
  const current = currentVersion(await records.find('settingsVersions', { status: 'published' }));
  if (!current)
    throw new Error(
      'settings: no published settings; restart the host (NocoBase: enable the plugin again) to seed the defaults',
    );
  return { version: current.version, settings: current.settings };
}

/** The admin's published custom rules, which run with the built-in ones. */
export const publishedCustomRules = async (records: Pick<Records, 'find'>): Promise<CustomRuleDocument> =>
  currentRuleVersion(await records.find('ruleVersions', { status: 'published' })).document;

/** The cycle `cycleId`, or the current one; refused when there is none. */
export async function cycleOf(
  records: Pick<Records, 'find' | 'get'>,
  cycleId: Id | undefined,
  today: string,
  what = 'evaluation',
) {
  if (cycleId) {
    const cycle = await records.get('cycles', cycleId);
    if (!cycle) throw notFound('cycle', cycleId);
    return cycle;
  }
  const cycle = pickCurrentCycle(await records.find('cycles'), today);
  if (!cycle) throw badRequest('no-cycle', `${what}: there is no cycle to evaluate; create a cycle first`);
  return cycle;
}

export interface CycleEvaluation {
  cycle: Cycle;
  snapshot: Snapshot;
  settings: Settings;
  settingsVersion: number;
  custom: CustomRuleDocument;
  at: string;
  evaluation: Evaluation;
}

/** What the stored records say before an evaluation: the cycle, its day, the settings and custom rules. */
export async function evaluationInputs(
  ports: EvaluationPorts,
  q: { cycleId?: Id; at?: string } = {},
  what?: string,
) {
  const read = await ports.uow.transaction(async (tx) => ({
    cycle: await cycleOf(tx, q.cycleId, ports.today(), what),
    published: await publishedSettings(tx),
    custom: await publishedCustomRules(tx),
  }));
  const { cycle, published, custom } = read;
  return {
    cycle,
    settings: published.settings,
    settingsVersion: published.version,
    custom,
    at: q.at ?? evaluationDate(cycle, ports.today()),
    snapshot: await ports.data.snapshot(cycle.id),
  };
}

/**
 * Evaluates a cycle (default: the current one) as of `at` (default: `evaluationDate`) under the
 * published settings and custom rules: what a rules run, a board and an `evaluate` call start from.
 */
export async function evaluateCycle(
  ports: EvaluationPorts,
  q: { cycleId?: Id; at?: string; quarter?: string } = {},
): Promise<CycleEvaluation> {
  const inputs = await evaluationInputs(ports, q);
  const evaluation = await ports.evaluate({
    ...inputs,
    options: { snapshotFrom: 'storage', ...(q.quarter ? { quarter: q.quarter } : {}) },
  });
  return { ...inputs, evaluation };
}
