import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { effectiveSettings, ruleSetWithCustom } from '../../../plugin/engine/custom-rules.ts';
import { currentRuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { compareEvaluations, type Evaluation, evaluate } from '../../../plugin/engine/index.ts';
import {
  type DataPort,
  type HostUser,
  type IdentityPort,
  type SettingsPreview,
  type SettingsStore,
  type Subject,
  type VisibleSnapshot,
  visibleEvaluation,
  visibleSnapshot,
} from '../../../plugin/sdk/index.ts';
import { nocobaseRecords } from './app-records.ts';
import { boardSnapshot } from './board-answer.ts';
import { COLLECTIONS } from './collections.ts';
import { nocobaseAppPorts } from './command-actions.ts';
import { createDataPort } from './data-port.ts';
import { createIdentity } from './identity.ts';
import { importSnapshot } from './import-snapshot.ts';
import type { ScopedRealtime } from './realtime.ts';
import { toLink } from './records.ts';
import { recordRuleEvents } from './rule-events.ts';
import type { RulesRunner } from './rules-runner.ts';
import { createSettingsStore } from './settings-store.ts';
import type { Tables } from './tables.ts';

/** Raised for a request the caller can fix; the plugin answers it with `status`. */
export class PackRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'PackRequestError';
  }
}

export interface Clock {
  today(): string;
  now(): string;
}

/** The host ports and pack operations for one request of one user. */
export interface PackService {
  user: HostUser | null;
  identity: IdentityPort;
  data: DataPort;
  settings: SettingsStore;
  /** Where committed changes are announced (the NocoBase WebSocket, or nowhere). */
  realtime: ScopedRealtime;
  now(): string;
  /** What the user may read of the cycle (default: the current one), see `visibleSnapshot`. */
  snapshot(cycleId?: string): Promise<VisibleSnapshot>;
  /**
   * Evaluates the cycle as of `at` (default: today, or the cycle end when it is over) and stores new
   * rule events; answers what the user may read of the evaluation.
   */
  evaluate(params: {
    at?: string;
    cycleId?: string;
    quarter?: string;
    record?: boolean;
  }): Promise<Evaluation & { at: string; newEvents: number }>;
  /** What the board blocks draw: the readable snapshot (links with their row versions) and evaluation. */
  board(params: {
    cycleId?: string;
    at?: string;
  }): Promise<{ snapshot: VisibleSnapshot; evaluation: Evaluation; settings: Settings; at: string }>;
  previewSettings(doc: unknown): Promise<SettingsPreview>;
  importSnapshot(snapshot: Snapshot): Promise<Record<string, number>>;
}

const asOf = (snapshot: Snapshot, at: string | undefined, today: string) => {
  if (at) return at;
  return today < snapshot.cycle.end ? today : snapshot.cycle.end;
};

const nowhere: ScopedRealtime = { publish: () => undefined, presence: () => [] };

/**
 * Builds the pack's ports and operations over NocoBase tables for `user`. With `rules`, recording rule
 * events waits for the rules runner's own runs, so two recordings never race on the same event.
 */
export function createPackService(
  tables: Tables,
  user: HostUser | null,
  clock: Clock,
  realtime: ScopedRealtime = nowhere,
  rules?: Pick<RulesRunner, 'exclusive'> & Partial<Pick<RulesRunner, 'schedule'>>,
): PackService {
  const identity = createIdentity(user);
  const data = createDataPort(tables, clock, { personId: user?.personId, realtime });
  const require = (action: Parameters<IdentityPort['can']>[0], subject: Subject['type']) => {
    if (!user) throw new PackRequestError(401, 'okr-align: sign in first');
    if (!identity.can(action, { type: subject })) {
      throw new PackRequestError(
        403,
        `okr-align: role ${user.role} may not ${action} ${subject}; ask an administrator`,
      );
    }
  };

  // The admin's published custom rules run with the built-in ones (plugin/engine/custom-rules.ts).
  const customRules = async () =>
    currentRuleVersion(await nocobaseRecords(tables).find('ruleVersions', { status: 'published' })).document;

  const preview = async (proposed: Settings): Promise<SettingsPreview> => {
    const snapshot = await data.snapshot();
    const { settings: current } = await settings.current();
    const at = asOf(snapshot, undefined, clock.today());
    const custom = await customRules();
    const rules = ruleSetWithCustom(custom);
    const run = (s: Settings) => evaluate(snapshot, effectiveSettings(s, custom), at, rules);
    return compareEvaluations(
      snapshot,
      { settings: current, evaluation: run(current) },
      { settings: proposed, evaluation: run(proposed) },
      at,
    );
  };
  const schedule = rules?.schedule ? { schedule: () => rules.schedule?.() } : undefined;
  const ports = nocobaseAppPorts(tables, clock, realtime, schedule);
  const settings = createSettingsStore(tables, user, ports, preview);

  const evaluateAt = async (params: { at?: string; cycleId?: string; quarter?: string }) => {
    const snapshot = await data.snapshot(params.cycleId);
    const { settings: current } = await settings.current();
    const at = asOf(snapshot, params.at, clock.today());
    const options = params.quarter ? { quarter: params.quarter } : {};
    return {
      snapshot,
      settings: current,
      at,
      evaluation: await customRules().then((custom) =>
        evaluate(snapshot, effectiveSettings(current, custom), at, ruleSetWithCustom(custom), options),
      ),
    };
  };

  return {
    user,
    identity,
    data,
    settings,
    realtime,
    now: clock.now,
    async snapshot(cycleId) {
      if (!user) throw new PackRequestError(403, 'okr-align: sign in with a pack role');
      require('read', 'objective');
      return visibleSnapshot(user, await data.snapshot(cycleId));
    },
    async evaluate(params) {
      require('read', 'metrics');
      const { evaluation, at, snapshot } = await evaluateAt(params);
      const record = () =>
        recordRuleEvents(tables, evaluation.events, clock.now(), snapshot, {
          colours: evaluation.colours,
          today: at,
          host: { realtime, rules: schedule },
        });
      const newEvents = params.record === false ? 0 : await (rules ? rules.exclusive(record) : record());
      return { ...visibleEvaluation(user!, evaluation, snapshot), at, newEvents };
    },
    async board(params) {
      require('read', 'objective');
      const { snapshot, evaluation, settings: current, at } = await evaluateAt(params);
      const visible = visibleSnapshot(user!, snapshot);
      const krIds = visible.keyResults.map((k) => k.id);
      const links = krIds.length
        ? (await tables.find(COLLECTIONS.links, { krId: { $in: krIds } })).map(toLink)
        : [];
      return {
        snapshot: boardSnapshot(visible, links),
        evaluation: visibleEvaluation(user!, evaluation, snapshot),
        settings: current,
        at,
      };
    },
    async previewSettings(doc) {
      // As on the reference host: a preview lists every KR and pool share that would change.
      require('create', 'settings');
      return settings.preview(doc);
    },
    async importSnapshot(snapshot) {
      require('create', 'person');
      return importSnapshot(tables, snapshot);
    },
  };
}
