import { forbidden } from '../../../plugin/app/errors.ts';
import { evaluateCycle, evaluateWithCustom, requireCaller } from '../../../plugin/app/queries/evaluation.ts';
import {
  previewSettings,
  type SettingsPreviewWithRules,
} from '../../../plugin/app/queries/settings-preview.ts';
import { createSettingsStore, type SettingsStorePorts } from '../../../plugin/app/settings-store.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { Evaluation } from '../../../plugin/engine/index.ts';
import {
  type DataPort,
  type HostUser,
  type IdentityPort,
  type SettingsStore,
  type VisibleSnapshot,
  visibleEvaluation,
  visibleSnapshot,
} from '../../../plugin/sdk/index.ts';
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
import type { Tables } from './tables.ts';

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
   * Evaluates the cycle as of `at` (default: `evaluationDate`) and stores new rule events; answers
   * what the user may read of the evaluation.
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
  /** `settings`: a document, or the number of a stored proposal (as `version`). */
  previewSettings(body: { settings?: unknown; version?: unknown }): Promise<SettingsPreviewWithRules>;
  importSnapshot(snapshot: Snapshot): Promise<Record<string, number>>;
}

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
  const schedule = rules?.schedule ? { schedule: () => rules.schedule?.() } : undefined;
  const ports: SettingsStorePorts = {
    ...nocobaseAppPorts(tables, clock, realtime, schedule),
    today: clock.today,
    // In process: NocoBase has no worker for it (the reference host has one).
    evaluate: async (run) => evaluateWithCustom(run),
  };

  return {
    user,
    identity,
    data,
    settings: createSettingsStore(ports, user),
    realtime,
    now: clock.now,
    async snapshot(cycleId) {
      // Only signed-in NocoBase users reach the actions: without a user here, theirs has no pack role.
      if (!user) throw forbidden('okr-align: sign in with a pack role');
      requireCaller(user, 'read', 'objective');
      return visibleSnapshot(user, await data.snapshot(cycleId));
    },
    async evaluate(params) {
      requireCaller(user, 'read', 'metrics');
      const { evaluation, at, snapshot } = await evaluateCycle(ports, params);
      const record = () =>
        recordRuleEvents(tables, evaluation.events, clock.now(), snapshot, {
          colours: evaluation.colours,
          today: at,
          host: { realtime, rules: schedule },
        });
      const newEvents = params.record === false ? 0 : await (rules ? rules.exclusive(record) : record());
      return { ...visibleEvaluation(user, evaluation, snapshot), at, newEvents };
    },
    async board(params) {
      requireCaller(user, 'read', 'objective');
      const { snapshot, evaluation, settings, at } = await evaluateCycle(ports, params);
      const visible = visibleSnapshot(user, snapshot);
      const krIds = visible.keyResults.map((k) => k.id);
      const links = krIds.length
        ? (await tables.find(COLLECTIONS.links, { krId: { $in: krIds } })).map(toLink)
        : [];
      return {
        snapshot: boardSnapshot(visible, links),
        evaluation: visibleEvaluation(user, evaluation, snapshot),
        settings,
        at,
      };
    },
    async previewSettings({ settings, version }) {
      // As on the reference host: a preview lists every KR and pool share that would change.
      requireCaller(user, 'create', 'settings');
      if (typeof settings === 'number') return previewSettings(ports, { version: settings });
      return previewSettings(ports, { settings, version: typeof version === 'number' ? version : undefined });
    },
    async importSnapshot(snapshot) {
      requireCaller(user, 'create', 'person');
      return importSnapshot(tables, snapshot);
    },
  };
}
