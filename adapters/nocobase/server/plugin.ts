import { type NbContext, type NbFindOptions, type NbNext, Plugin } from '@nocobase/server';
import { activate } from '../../../plugin/activate.ts';
import { strongestRole } from '../../../plugin/app/host-roles.ts';
import { type RpcAction, type RpcCall, requestFields, rpcActions } from '../../../plugin/app/rpc-actions.ts';
import { runRules } from '../../../plugin/app/rules-run.ts';
import { createRunScheduler, type RunScheduler } from '../../../plugin/app/run-scheduler.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { registerPortBridge } from '../testing/port-bridge.ts';
import { ACCOUNT_LINK_ACTIONS } from './account-links.ts';
import { AUTOMATION_ACTIONS } from './automation-actions.ts';
import { registerAutomationTicker } from './automation-ticker.ts';
import { backfillKrCreationDates } from './backfill-created-at.ts';
import { COLLECTION_DEFS, COLLECTIONS } from './collections.ts';
import { nocobaseAppPorts } from './command-actions.ts';
import { errorResponse } from './error-response.ts';
import { createHostContext, type Registered } from './host-context.ts';
import { hostUserOf, PACK_ROLES, ROLE_MAP } from './identity.ts';
import { rawCollectionGuard } from './raw-acl.ts';
import { nocobaseReadPorts } from './read-ports.ts';
import type { BoardChannel } from './realtime.ts';
import { nocobaseBoardChannel } from './realtime-ws.ts';
import { toPerson } from './records.ts';
import type { HostAction } from './requests.ts';
import { bumpRowVersion, VERSIONED } from './row-versions.ts';
import { addMissingColumns } from './schema-check.ts';
import { ensureInitialSettings } from './settings-store.ts';
import { nocobaseTables, type Tables } from './tables.ts';

/** Name of the NocoBase resource that carries the pack's actions (`/api/okrAlign:<action>`). */
export const RESOURCE = 'okrAlign';
/** ACL snippet of the plugin's settings page and of the raw pack collections. */
export const ACL_SNIPPET = 'pm.okr-align';

const clock = {
  today: () => process.env.OKR_ALIGN_TODAY ?? new Date().toISOString().slice(0, 10),
  now: () => new Date().toISOString(),
};

/** NocoBase's own actions beside the pack's: sign-in accounts of people, the automations tick. */
const HOST_ACTIONS: Record<string, HostAction> = { ...ACCOUNT_LINK_ACTIONS, ...AUTOMATION_ACTIONS };

/** OKR Align as a NocoBase server plugin: collections (from `dist/server/collections`), actions, ACL. */
export class OkrAlignServerPlugin extends Plugin {
  #tables: Tables | undefined;
  /** What the pack's `activate` registered at load. */
  registered: Registered | undefined;

  get tables(): Tables {
    this.#tables ??= nocobaseTables(this.db);
    return this.#tables;
  }

  /** Board channel over NocoBase's WebSocket; every committed write of an `okrAlign` action is announced on it. */
  realtime: BoardChannel | undefined;

  /** Re-runs the rules after writes and hourly, so rule events appear without anyone calling evaluate. */
  rules: RunScheduler | undefined;

  /** One rules run: evaluates the current cycle and records its new rule events. */
  async runRules(): Promise<number> {
    const newEvents = await runRules(nocobaseReadPorts(this.tables, clock));
    if (newEvents > 0) this.app.log.info(`okr-align: rules run recorded ${newEvents} new rule events`);
    return newEvents;
  }

  async userOf(ctx: NbContext): Promise<HostUser | null> {
    const user = ctx.state.currentUser;
    if (!user) return null;
    return hostUserOf(user, ctx.state.currentRole, await this.personOf(user.id));
  }

  /** An action's caller and fields: the request body arrives as `values`, the query as the other params. */
  async callOf(ctx: NbContext): Promise<RpcCall> {
    const { values, ...query } = ctx.action.params;
    return { user: await this.userOf(ctx), fields: requestFields(query, values), body: values };
  }

  /** The person a NocoBase user is connected to, if any. */
  async personOf(userId: unknown) {
    const rows = await this.tables.find(COLLECTIONS.people, { userId });
    return rows[0] ? toPerson(rows[0]) : null;
  }

  /**
   * The pack user of a NocoBase user id, for a WebSocket client (no role header there): the user's
   * NocoBase role that maps to the strongest pack role, else the connected person's own role.
   */
  async userById(userId: string): Promise<HostUser | null> {
    const found = await this.db
      .getRepository('users')
      .findOne({ filterByTk: userId, appends: ['roles'] } as NbFindOptions);
    if (!found) return null;
    const user = found.toJSON() as {
      id: number;
      nickname?: string;
      username?: string;
      roles?: { name: string }[];
    };
    const role = strongestRole(
      ROLE_MAP,
      (user.roles ?? []).map((r) => r.name),
    );
    return hostUserOf(user, role, await this.personOf(user.id));
  }

  override async load(): Promise<void> {
    this.realtime = nocobaseBoardChannel(this.app, {
      userOf: (userId) => this.userById(userId),
      boardExists: async (boardId) =>
        boardId.startsWith('cycle:') &&
        (await this.tables.findOne(COLLECTIONS.cycles, boardId.slice('cycle:'.length))) !== null,
      now: clock.now,
      warn: (message) => this.app.log.warn(message),
    });
    const realtime = this.realtime;
    // A reload calls load() again on the same app: keep one runner and one pair of listeners.
    if (!this.rules) {
      const rules = createRunScheduler(
        () => this.runRules(),
        (error) => this.app.log.error(`okr-align: rules run failed: ${String(error)}`),
      );
      this.rules = rules;
      const app = this.app;
      // A plugin update without `nocobase upgrade` leaves new columns out; add them before serving.
      app.on('beforeStart', async () => {
        await addMissingColumns(this.db, COLLECTION_DEFS, (m) => this.app.log.warn(m));
        const filled = await backfillKrCreationDates(this.tables);
        if (filled > 0) this.app.log.info(`okr-align: ${filled} key results dated from their cycle start`);
      });
      app.on('afterStart', () => {
        rules.start();
        this.app.log.info('okr-align: rules run now, after each write and every hour');
      });
      app.on('beforeStop', () => rules.stop());
      registerAutomationTicker(this, rules, clock);
    }
    const rules = this.rules;
    // The pack registers itself through the sdk, as on any host; a contract mismatch stops the load here.
    const { ctx, registered } = createHostContext(this.tables, clock, this.app.getVersion(), realtime);
    activate(ctx);
    this.registered = registered;
    this.app.log.info(
      `okr-align: activated with ${registered.registerCollection.length} collections, ${registered.registerWidget.length} widgets, ${registered.registerRules.length} rule files`,
    );
    /** Answers an action with its result, or a caller's error in NocoBase's `{ errors: [...] }` shape. */
    const answer =
      (action: RpcAction) =>
      async (ctx: NbContext, next: NbNext): Promise<void> => {
        try {
          ctx.body = (await action(await this.callOf(ctx))) ?? null;
        } catch (error) {
          const response = errorResponse(error);
          if (!response) throw error;
          // Errors keep NocoBase's shape instead of being wrapped in `data`.
          ctx.withoutDataWrapping = true;
          ctx.status = response.status;
          ctx.body = response.body;
          return;
        }
        await next();
      };
    const hostActions = Object.entries(HOST_ACTIONS).map(([name, action]): [string, RpcAction] => [
      name,
      ({ user, fields }) => action({ user, params: fields, tables: this.tables, realtime }),
    ]);
    // Reads and commands: schema, policy, versions, audit, board messages and the rules re-run are
    // the pack's, as on every host.
    const packActions = rpcActions(
      nocobaseReadPorts(this.tables, clock, realtime, rules),
      nocobaseAppPorts(this.tables, clock, realtime, rules),
      () => rules.schedule(),
    );
    const actions = Object.fromEntries(
      [...hostActions, ...Object.entries(packActions)].map(([name, action]) => [name, answer(action)]),
    );
    this.app.resourceManager.define({ name: RESOURCE, actions });
    // Every signed-in user reaches the actions; each action asks the pack's own policy (identity port).
    this.app.acl.allow(RESOURCE, Object.keys(actions), 'loggedIn');
    this.app.acl.registerSnippet({
      name: ACL_SNIPPET,
      actions: Object.values(COLLECTIONS).map((c) => `${c}:*`),
    });
    for (const c of VERSIONED) this.db.on(`${c}.beforeUpdate`, bumpRowVersion);
    // Raw okr_* access is narrowed for every role but root/admin, whatever a role was granted (raw-acl.ts).
    this.app.acl.use(rawCollectionGuard, {
      tag: 'okr-align-raw-collections',
      after: 'allow-manager',
      before: 'core',
    });
    registerPortBridge(this, ctx, clock);
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
