import type { Snapshot } from '../domain/types.ts';
import { SnapshotError } from '../engine/errors.ts';
import type { Evaluation } from '../engine/index.ts';
import type { TableRecords } from '../records/table-records.ts';
import { type HostUser, type VisibleSnapshot, visibleEvaluation, visibleSnapshot } from '../sdk/index.ts';
import { boardSnapshot } from './board-snapshot.ts';
import { badRequest, forbidden } from './errors.ts';
import { checkInput, type InputSchema } from './input.ts';
import { type CycleEvaluation, evaluateCycle, requireCaller } from './queries/evaluation.ts';
import { previewSettings } from './queries/settings-preview.ts';
import { createSettingsStore, type SettingsStorePorts, settingsVersions } from './settings-store.ts';

/** What the cycle reads need of a host beyond the settings store's ports. */
export interface CycleReadPorts extends SettingsStorePorts {
  /** Its records, read with lists of values (the board's link versions). */
  records: TableRecords;
  /** Stores an evaluation's new rule events (and sets off what follows them); returns how many were new. */
  recordRuleEvents(run: CycleEvaluation): Promise<number>;
  /** Writes a whole snapshot (the case-study demo, a company's export), replacing records with its ids. */
  writeSnapshot(snapshot: Snapshot): Promise<Record<string, number>>;
}

type Params = Record<string, unknown>;

interface CycleRead {
  input: InputSchema;
  run(ports: CycleReadPorts, user: HostUser | null, input: Params): Promise<unknown>;
}

const text = { type: 'string', minLength: 1, maxLength: 64 } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const object = (properties: Record<string, unknown>, required: string[] = []): InputSchema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The reads an RPC host (NocoBase's `/api/okrAlign:<name>`) answers beside the catalogue: who the
 * caller is, the readable cycle, its evaluation and board, the settings store and the snapshot import.
 */
export const CYCLE_READS = {
  me: { input: object({}), run: async (_, user) => user },
  snapshot: {
    input: object({ cycleId: text }),
    async run(ports, user, q) {
      // A NocoBase user without a pack role reaches the actions signed in: refused, not asked to sign in.
      if (!user) throw forbidden('okr-align: sign in with a pack role');
      requireCaller(user, 'read', 'objective');
      return visibleSnapshot(user, await ports.data.snapshot(str(q.cycleId)));
    },
  },
  evaluate: {
    // `record` also arrives as a query string (`okrAlign:evaluate?record=false`).
    input: object({
      at: day,
      cycleId: text,
      quarter: text,
      record: { enum: [true, false, 'true', 'false'] },
    }),
    async run(ports, user, q): Promise<Evaluation & { at: string; newEvents: number }> {
      requireCaller(user, 'read', 'metrics');
      const run = await evaluateCycle(ports, {
        at: str(q.at),
        cycleId: str(q.cycleId),
        quarter: str(q.quarter),
      });
      const record = q.record !== false && q.record !== 'false';
      const newEvents = record ? await ports.recordRuleEvents(run) : 0;
      return { ...visibleEvaluation(user, run.evaluation, run.snapshot), at: run.at, newEvents };
    },
  },
  board: {
    input: object({ at: day, cycleId: text }),
    async run(ports, user, q) {
      requireCaller(user, 'read', 'objective');
      const { snapshot, evaluation, settings, at } = await evaluateCycle(ports, {
        at: str(q.at),
        cycleId: str(q.cycleId),
      });
      const visible: VisibleSnapshot = visibleSnapshot(user, snapshot);
      const krIds = visible.keyResults.map((k) => k.id);
      const links = krIds.length ? await ports.records.find('links', { krId: { in: krIds } }) : [];
      return {
        snapshot: boardSnapshot(visible, links),
        evaluation: visibleEvaluation(user, evaluation, snapshot),
        settings,
        at,
      };
    },
  },
  settingsCurrent: {
    input: object({}),
    run: (ports, user) => createSettingsStore(ports, user).current(),
  },
  settingsVersions: {
    input: object({}),
    run: (ports) => ports.uow.transaction(settingsVersions),
  },
  previewSettings: {
    // `settings` as a number: the stored proposal of that version.
    input: object({ settings: {}, version: { type: 'integer', minimum: 1 } }),
    async run(ports, user, { settings, version }) {
      requireCaller(user, 'create', 'settings');
      if (typeof settings === 'number') return previewSettings(ports, { version: settings });
      return previewSettings(ports, { settings, version: typeof version === 'number' ? version : undefined });
    },
  },
  importSnapshot: {
    input: object({ snapshot: { type: 'object' } }, ['snapshot']),
    async run(ports, user, { snapshot }) {
      requireCaller(user, 'create', 'person');
      try {
        return await ports.writeSnapshot(snapshot as Snapshot);
      } catch (error) {
        if (!(error instanceof SnapshotError)) throw error;
        throw badRequest('invalid-snapshot', error.message, {
          issues: error.issues,
          params: { count: error.issues.length },
        });
      }
    },
  },
} satisfies Record<string, CycleRead>;

export type CycleReadName = keyof typeof CYCLE_READS;

/** Actions whose committed writes change what the rules decide. */
export const CYCLE_READS_RERUNNING_RULES: ReadonlySet<string> = new Set<CycleReadName>(['importSnapshot']);

/**
 * Answers the read `name` for `user`: its input is the request's fields the read declares (query and
 * body alike), checked against its schema.
 */
export async function runCycleRead(
  ports: CycleReadPorts,
  user: HostUser | null,
  name: CycleReadName,
  params: Params,
): Promise<unknown> {
  const read: CycleRead = CYCLE_READS[name];
  const declared = Object.keys((read.input as { properties: object }).properties);
  const input = checkInput<Params>(
    read.input,
    Object.fromEntries(Object.entries(params).filter(([k, v]) => declared.includes(k) && v !== undefined)),
    name,
  );
  return read.run(ports, user, input);
}
