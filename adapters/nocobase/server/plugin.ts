import { type NbContext, type NbNext, Plugin } from '@nocobase/server';
import { activate } from '../../../plugin/activate.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import { createHostContext, type Registered } from './host-context.ts';
import { hostUserOf, PACK_ROLES } from './identity.ts';
import { createPackService, PackRequestError, type PackService } from './pack-service.ts';
import type { PoolTransition } from './pool-runs.ts';
import { toPerson } from './records.ts';
import { ensureInitialSettings } from './settings-store.ts';
import { nocobaseTables, type Tables } from './tables.ts';

/** Name of the NocoBase resource that carries the pack's actions (`/api/okrAlign:<action>`). */
export const RESOURCE = 'okrAlign';
/** ACL snippet of the plugin's settings page and of the raw pack collections. */
export const ACL_SNIPPET = 'pm.okr-align';

type Params = Record<string, unknown>;
type Handler = (service: PackService, p: Params) => Promise<unknown>;

const str = (p: Params, key: string): string | undefined =>
  typeof p[key] === 'string' ? (p[key] as string) : undefined;
const need = (p: Params, key: string): string => {
  const v = p[key];
  if (typeof v === 'string' && v) return v;
  throw new PackRequestError(400, `okr-align: give "${key}" in the request`);
};
const needNumber = (p: Params, key: string): number => {
  const v = typeof p[key] === 'string' ? Number(p[key]) : p[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new PackRequestError(400, `okr-align: give "${key}" as a number in the request`);
};

/** The pack's actions, each answered through the sdk ports (see `pack-service.ts`). */
export const ACTIONS: Record<string, Handler> = {
  me: async (s) => s.user,
  snapshot: async (s, p) => {
    if (!s.identity.can('read', { type: 'objective' }))
      throw new PackRequestError(403, 'okr-align: sign in with a pack role');
    return s.data.snapshot(str(p, 'cycleId'));
  },
  evaluate: (s, p) =>
    s.evaluate({
      at: str(p, 'at'),
      cycleId: str(p, 'cycleId'),
      quarter: str(p, 'quarter'),
      record: p.record !== false && p.record !== 'false',
    }),
  board: (s, p) => s.board({ at: str(p, 'at'), cycleId: str(p, 'cycleId') }),
  saveLink: async (s, p) => {
    const krId = need(p, 'krId');
    const kr = await s.data.get('keyResults', krId);
    if (!kr) throw new PackRequestError(404, `okr-align: there is no key result ${krId}`);
    const owner = kr.ownerType === 'person' ? await s.data.get('people', kr.ownerId) : null;
    const expected = p.expectedVersion == null ? null : needNumber(p, 'expectedVersion');
    const subject = {
      type: 'link' as const,
      ownerPersonId: owner?.id ?? null,
      regionId: kr.ownerType === 'region' ? kr.ownerId : (owner?.regionId ?? null),
    };
    if (!s.identity.can(expected === null ? 'create' : 'update', subject)) {
      throw new PackRequestError(403, `okr-align: you may not link key result ${krId}`);
    }
    const result = await s.data.saveLink(
      krId,
      { objectiveId: need(p, 'objectiveId'), weight: needNumber(p, 'weight') },
      expected,
    );
    if (!result.ok)
      throw Object.assign(new PackRequestError(409, `okr-align: link not saved (${result.reason})`), {
        detail: result,
      });
    return result.record;
  },
  settingsCurrent: (s) => s.settings.current(),
  settingsVersions: (s) => s.settings.versions(),
  previewSettings: (s, p) => s.previewSettings(p.settings),
  proposeSettings: async (s, p) => {
    if (!s.identity.can('create', { type: 'settings' }))
      throw new PackRequestError(403, 'okr-align: only hr and admin propose settings');
    return s.settings.propose(p.settings, str(p, 'reason') ?? '');
  },
  publishSettings: async (s, p) => {
    if (!s.identity.can('publish', { type: 'settings' }))
      throw new PackRequestError(403, 'okr-align: only hr and admin publish settings');
    return s.settings.publish(needNumber(p, 'version'));
  },
  rollbackSettings: async (s, p) => {
    if (!s.identity.can('publish', { type: 'settings' }))
      throw new PackRequestError(403, 'okr-align: only hr and admin roll back settings');
    return s.settings.rollback(needNumber(p, 'toVersion'), str(p, 'reason') ?? '');
  },
  computePoolRun: (s, p) => s.computePoolRun(need(p, 'quarter')),
  transitionPoolRun: (s, p) =>
    s.transitionPoolRun(
      need(p, 'id'),
      need(p, 'transition') as PoolTransition,
      needNumber(p, 'expectedVersion'),
    ),
  importSnapshot: (s, p) => s.importSnapshot(p.snapshot as Snapshot),
};

const CLIENT_ERRORS = new Set(['SettingsError', 'InputError', 'SnapshotError', 'RuleFileError']);
const CONFLICT_PREFIXES = ['settings:', 'pool run:', 'nocobase adapter:'];

/** HTTP status and body for an error of an action; undefined for an unexpected error (NocoBase answers 500). */
export function errorResponse(error: unknown): { status: number; body: unknown } | undefined {
  if (!(error instanceof Error)) return undefined;
  const extra = { ...(error as unknown as Record<string, unknown>) };
  const body = { errors: [{ message: error.message, ...extra }] };
  if (error instanceof PackRequestError) return { status: error.status, body };
  if (CLIENT_ERRORS.has(error.name)) return { status: 400, body };
  if (CONFLICT_PREFIXES.some((p) => error.message.startsWith(p))) return { status: 409, body };
  return undefined;
}

const clock = {
  today: () => process.env.OKR_ALIGN_TODAY ?? new Date().toISOString().slice(0, 10),
  now: () => new Date().toISOString(),
};

/** OKR Align as a NocoBase server plugin: collections (from `dist/server/collections`), actions, ACL. */
export class OkrAlignServerPlugin extends Plugin {
  #tables: Tables | undefined;
  /** What the pack's `activate` registered at load. */
  registered: Registered | undefined;

  get tables(): Tables {
    this.#tables ??= nocobaseTables(this.db);
    return this.#tables;
  }

  async userOf(ctx: NbContext): Promise<HostUser | null> {
    const user = ctx.state.currentUser;
    if (!user) return null;
    const rows = await this.tables.find(COLLECTIONS.people, { userId: user.id });
    const person = rows[0] ? toPerson(rows[0]) : null;
    return hostUserOf(user, ctx.state.currentRole, person);
  }

  override async load(): Promise<void> {
    // The pack registers itself through the sdk, as on any host; a contract mismatch stops the load here.
    const { ctx, registered } = createHostContext(this.tables, clock, this.app.getVersion());
    activate(ctx);
    this.registered = registered;
    this.app.log.info(
      `okr-align: activated with ${registered.registerCollection.length} collections, ${registered.registerWidget.length} widgets, ${registered.registerRules.length} rule files`,
    );
    const actions: Record<string, (ctx: NbContext, next: NbNext) => Promise<void>> = {};
    for (const [name, handler] of Object.entries(ACTIONS)) {
      actions[name] = async (ctx, next) => {
        const params = ctx.action.params;
        const values = params.values && typeof params.values === 'object' ? params.values : {};
        try {
          const service = createPackService(this.tables, await this.userOf(ctx), clock);
          ctx.body = (await handler(service, { ...params, ...values })) ?? null;
        } catch (error) {
          const response = errorResponse(error);
          if (!response) throw error;
          // Errors keep NocoBase's `{ errors: [...] }` shape instead of being wrapped in `data`.
          ctx.withoutDataWrapping = true;
          ctx.status = response.status;
          ctx.body = response.body;
          return;
        }
        await next();
      };
    }
    this.app.resourceManager.define({ name: RESOURCE, actions });
    // Every signed-in user reaches the actions; each action asks the pack's own policy (identity port).
    this.app.acl.allow(RESOURCE, Object.keys(ACTIONS), 'loggedIn');
    this.app.acl.registerSnippet({
      name: ACL_SNIPPET,
      actions: Object.values(COLLECTIONS).map((c) => `${c}:*`),
    });
  }

  override async install(): Promise<void> {
    await ensureInitialSettings(this.tables, clock.now());
    const roles = this.db.getRepository('roles');
    for (const r of PACK_ROLES) {
      if (await roles.findOne({ filterByTk: r.name })) continue;
      await roles.create({
        values: { name: r.name, title: `{{t("${r.title}", { ns: "@okr-align/nocobase" })}}` },
      });
    }
  }
}

export default OkrAlignServerPlugin;
