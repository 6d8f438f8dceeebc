// Test-only: lets the host-port contract suite (test/contract) drive this adapter's real ports over HTTP.
import type { NbApplication, NbContext, NbNext } from '@nocobase/server';
import type { HostContext, HostUser } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from '../server/collections.ts';
import { userPorts } from '../server/host-context.ts';
import { hostUserOf } from '../server/identity.ts';
import type { Clock } from '../server/read-ports.ts';
import { toPerson } from '../server/records.ts';
import type { Tables } from '../server/tables.ts';

/** Name of the bridge resource: `POST /api/okrAlignPorts:info` and `POST /api/okrAlignPorts:call`. */
export const PORT_BRIDGE_RESOURCE = 'okrAlignPorts';
/** NocoBase event a realtime channel of the pack listens to; without a listener the host has no realtime. */
const JOIN_EVENT = 'ws:message:okr-align:join';

const PORTS = ['data', 'identity', 'notify', 'settings', 'realtime'] as const;
type PortName = (typeof PORTS)[number];

/** What the bridge needs of the plugin: the same tables and user lookup its actions use. */
export interface BridgeHost {
  app: NbApplication;
  tables: Tables;
  userOf(ctx: NbContext): Promise<HostUser | null>;
}

/** A port method's answer, errors included, so the suite's client can return or throw it. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

const isRootOrAdmin = (ctx: NbContext): boolean => {
  const state = ctx.state as NbContext['state'] & { currentRoles?: string[] };
  return [state.currentRole, ...(state.currentRoles ?? [])].some((r) => r === 'root' || r === 'admin');
};

/**
 * Registers the bridge when `OKR_ALIGN_PORT_BRIDGE=1`. `host` is the context the plugin gave `activate`
 * (its notify and realtime ports); data, identity and settings are built per call exactly as the
 * plugin's actions build them, acting as the caller or, with `as`, as a person of `okr_people`.
 */
export function registerPortBridge(plugin: BridgeHost, host: HostContext, clock: Clock): void {
  if (process.env.OKR_ALIGN_PORT_BRIDGE !== '1') return;
  const app = plugin.app;

  const actingAs = async (ctx: NbContext, personId: unknown): Promise<HostUser | null> => {
    if (typeof personId !== 'string') return plugin.userOf(ctx);
    const row = await plugin.tables.findOne(COLLECTIONS.people, personId);
    if (!row) throw new Error(`port bridge: there is no person ${personId}`);
    // The person's own role applies, as for a NocoBase user connected to it without an okr_ role.
    return hostUserOf({ id: `bridge:${personId}` }, undefined, toPerson(row));
  };

  const portOf = async (ctx: NbContext, port: PortName, as: unknown): Promise<object> => {
    if (port === 'notify') return host.notify;
    if (port === 'realtime') return host.realtime;
    return userPorts(plugin.tables, await actingAs(ctx, as), clock, host.realtime)[port];
  };

  const call = async (ctx: NbContext): Promise<Outcome> => {
    const p = { ...ctx.action.params, ...(ctx.action.params.values ?? {}) };
    const port = p.port as PortName;
    const method = String(p.method);
    if (!PORTS.includes(port)) throw new Error(`port bridge: unknown port ${String(p.port)}`);
    const target = (await portOf(ctx, port, p.as)) as Record<string, unknown>;
    const fn = target[method];
    if (typeof fn !== 'function') throw new Error(`port bridge: the ${port} port has no method ${method}`);
    const args = Array.isArray(p.args) ? p.args : [];
    const value = await (fn as (...a: unknown[]) => unknown).apply(target, args);
    return { ok: true, value: value ?? null };
  };

  const guarded =
    (handler: (ctx: NbContext) => Promise<unknown>) =>
    async (ctx: NbContext, next: NbNext): Promise<void> => {
      if (!isRootOrAdmin(ctx)) {
        ctx.withoutDataWrapping = true;
        ctx.status = 403;
        ctx.body = { errors: [{ message: 'port bridge: only root or admin may call the port bridge' }] };
        return;
      }
      try {
        ctx.body = await handler(ctx);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        ctx.body = { ok: false, error: { name: e.name, message: e.message } } satisfies Outcome;
      }
      await next();
    };

  app.resourceManager.define({
    name: PORT_BRIDGE_RESOURCE,
    actions: {
      info: guarded(async () => {
        const realtime = app.listenerCount(JOIN_EVENT) > 0;
        return {
          host: host.host,
          realtime,
          ...(realtime
            ? {}
            : {
                realtimeMissing: `no listener of ${JOIN_EVENT}: this build of the adapter has no board channel over NocoBase's /ws`,
              }),
        };
      }),
      call: guarded(call),
    },
  });
  app.acl.allow(PORT_BRIDGE_RESOURCE, ['info', 'call'], 'loggedIn');
  app.log.warn(`okr-align: test-only port bridge ${PORT_BRIDGE_RESOURCE} is on (OKR_ALIGN_PORT_BRIDGE=1)`);
}
