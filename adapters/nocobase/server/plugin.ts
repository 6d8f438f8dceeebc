import { type NbContext, type NbFindOptions, type NbNext, Plugin } from '@nocobase/server';
import { activate } from '../../../plugin/activate.ts';
import { CATALOGUE } from '../../../plugin/app/catalogue.ts';
import {
  CYCLE_READS,
  CYCLE_READS_RERUNNING_RULES,
  type CycleReadName,
  runCycleRead,
} from '../../../plugin/app/cycle-reads.ts';
import { SYSTEM_USER } from '../../../plugin/app/system-user.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { registerPortBridge } from '../testing/port-bridge.ts';
import { ACCOUNT_LINK_ACTIONS } from './account-links.ts';
import { AUTOMATION_ACTIONS } from './automation-actions.ts';
import { registerAutomationTicker } from './automation-ticker.ts';
import { backfillKrCreationDates } from './backfill-created-at.ts';
import { COLLECTION_DEFS, COLLECTIONS } from './collections.ts';
import { nocobaseAppPorts, runAction } from './command-actions.ts';
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
import { createRulesRunner, type RulesRunner } from './rules-runner.ts';
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
  rules: RulesRunner | undefined;

  /** One rules run: evaluates the current cycle and records its new rule events. */
  async runRules(): Promise<number> {
    if ((await this.tables.find(COLLECTIONS.cycles)).length === 0) return 0;
    const { newEvents } = (await runCycleRead(
      nocobaseReadPorts(this.tables, clock),
      SYSTEM_USER,
      'evaluate',
      {},
    )) as { newEvents: number };
    if (newEvents > 0) this.app.log.info(`okr-align: rules run recorded ${newEvents} new rule events`);
    return newEvents;
  }

  async userOf(ctx: NbContext): Promise<HostUser | null> {
    const user = ctx.state.currentUser;
    if (!user) return null;
    return hostUserOf(user, ctx.state.currentRole, await this.personOf(user.id));
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
    const names = new Set((user.roles ?? []).map((r) => r.name));
    const role = Object.keys(ROLE_MAP).find((r) => names.has(r));
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
      const rules = createRulesRunner(
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
    /** Answers an action with `work`'s result, or a caller's error in NocoBase's `{ errors: [...] }` shape. */
    const answer =
      (work: (ctx: NbContext) => Promise<unknown>) =>
      async (ctx: NbContext, next: NbNext): Promise<void> => {
        try {
          ctx.body = (await work(ctx)) ?? null;
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
    const actions: Record<string, (ctx: NbContext, next: NbNext) => Promise<void>> = {};
    const fieldsOf = (ctx: NbContext) => {
      const { values, ...query } = ctx.action.params;
      return { ...query, ...(values && typeof values === 'object' ? values : {}) };
    };
    for (const [name, action] of Object.entries(HOST_ACTIONS))
      actions[name] = answer(async (ctx) =>
        action({ user: await this.userOf(ctx), params: fieldsOf(ctx), tables: this.tables, realtime }),
      );
    const reads = nocobaseReadPorts(this.tables, clock, realtime, rules);
    for (const name of Object.keys(CYCLE_READS) as CycleReadName[])
      actions[name] = answer(async (ctx) => {
        const body = await runCycleRead(reads, await this.userOf(ctx), name, fieldsOf(ctx));
        // The write is committed (a failed one threw above): its rule events follow in about a second.
        if (CYCLE_READS_RERUNNING_RULES.has(name)) rules.schedule();
        return body;
      });
    // Commands: the request body is the pack command's input; schema, policy, versions, audit,
    // board messages and the rules re-run are the command's, as on every host.
    const ports = nocobaseAppPorts(this.tables, clock, realtime, rules);
    for (const name of Object.keys(CATALOGUE))
      actions[name] = answer(async (ctx) =>
        runAction(ports, await this.userOf(ctx), name, ctx.action.params.values),
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
