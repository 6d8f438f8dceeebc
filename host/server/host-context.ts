import { createSettingsStore } from '../../plugin/app/settings-store.ts';
import type { KeyResult } from '../../plugin/domain/types.ts';
import {
  boardOf,
  type CollectionMap,
  type CollectionName,
  can,
  createContributionRegistry,
  type DataPort,
  HOST_CONTRACT_VERSION,
  type HostContext,
  type HostUser,
  type RegisteredContributions,
  type Where,
  type WriteResult,
} from '../../plugin/sdk/index.ts';
import { appPortsOf } from './app-ports.ts';
import type { ServerContext } from './context.ts';
import { writeAudit } from './services/audit.ts';
import { evaluationPortsOf } from './services/evaluation-ports.ts';
import { fromKeyResult, toLink } from './storage/mappers.ts';
import {
  currentCycle,
  getCycle,
  getKeyResult,
  getLinkRow,
  listCycles,
  loadSnapshot,
} from './storage/queries.ts';

export type { RegisteredContributions };

function matches<T>(record: T, where: Where<T> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([k, v]) => (record as Record<string, unknown>)[k] === v);
}

function createDataPort(ctx: ServerContext, actorId: string | null): DataPort {
  const snapshotOf = async (cycleId?: string) => {
    const cycle = cycleId ? await getCycle(ctx.db, cycleId) : await currentCycle(ctx.db, ctx.today());
    if (!cycle) throw new Error(`data port: no cycle ${cycleId ?? '(current)'}; create a cycle first`);
    return loadSnapshot(ctx.db, cycle);
  };
  const all = async <C extends CollectionName>(collection: C): Promise<CollectionMap[C][]> => {
    if (collection === 'cycles') return (await listCycles(ctx.db)) as CollectionMap[C][];
    const cycles = await listCycles(ctx.db);
    const snapshots = await Promise.all(cycles.map((c) => loadSnapshot(ctx.db, c)));
    const first = snapshots[0];
    if (!first) return [];
    // Regions, people, accounts and reviews are not per cycle: take them once.
    if (['regions', 'people', 'keyAccounts', 'peerReviews', 'activities'].includes(collection)) {
      if (collection === 'activities') {
        return snapshots.flatMap((s) => s.activities) as CollectionMap[C][];
      }
      return first[collection as 'regions'] as CollectionMap[C][];
    }
    return snapshots.flatMap((s) => s[collection as 'keyResults']) as CollectionMap[C][];
  };
  return {
    snapshot: snapshotOf,
    async list(collection, where) {
      return (await all(collection)).filter((r) => matches(r, where));
    },
    async get(collection, id) {
      const records = await all(collection);
      const key = (r: unknown) =>
        collection === 'activities'
          ? `${(r as { personId: string }).personId}:${(r as { month: string }).month}`
          : (r as { id: string }).id;
      return records.find((r) => key(r) === id) ?? null;
    },
    async updateKeyResult(id, patch, expectedVersion): Promise<WriteResult<KeyResult>> {
      const result = await ctx.db.transaction().execute(async (trx): Promise<WriteResult<KeyResult>> => {
        const before = await getKeyResult(trx, id);
        if (!before) return { ok: false, reason: 'not-found' };
        if (before.version !== expectedVersion) return { ok: false, reason: 'stale', current: before };
        const after: KeyResult = {
          ...before,
          ...patch,
          id,
          links: before.links,
          version: before.version + 1,
        };
        await trx
          .updateTable('key_results')
          .set(fromKeyResult(after))
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .execute();
        return { ok: true, record: after };
      });
      if (result.ok) {
        ctx.bus.publish(boardOf(result.record.cycleId), {
          type: 'keyResult.saved',
          id,
          version: result.record.version,
          record: result.record,
          ...(actorId ? { byPersonId: actorId } : {}),
        });
        ctx.rules.schedule();
      }
      return result;
    },
    async saveLink(krId, link, expectedVersion) {
      const kr = await getKeyResult(ctx.db, krId);
      if (!kr) return { ok: false, reason: 'not-found' };
      const result = await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('kr_links')
          .selectAll()
          .where('kr_id', '=', krId)
          .where('objective_id', '=', link.objectiveId)
          .executeTakeFirst();
        const current = row ? toLink(row) : null;
        if ((current?.version ?? null) !== expectedVersion) {
          return current
            ? ({ ok: false, reason: 'stale', current } as const)
            : ({ ok: false, reason: 'not-found' } as const);
        }
        const next = current
          ? { ...current, weight: link.weight, version: current.version + 1 }
          : {
              krId,
              objectiveId: link.objectiveId,
              weight: link.weight,
              linkedAt: ctx.now().toISOString(),
              version: 1,
            };
        if (current) {
          await trx
            .updateTable('kr_links')
            .set({ weight: next.weight, version: next.version })
            .where('kr_id', '=', krId)
            .where('objective_id', '=', link.objectiveId)
            .execute();
        } else {
          await trx
            .insertInto('kr_links')
            .values({
              kr_id: krId,
              objective_id: next.objectiveId,
              weight: next.weight,
              linked_at: next.linkedAt,
              version: 1,
            })
            .execute();
        }
        await writeAudit(trx, ctx.now(), {
          actorId,
          action: current ? 'link.update' : 'link.create',
          subjectType: 'link',
          subjectId: `${krId}:${link.objectiveId}`,
          before: current,
          after: next,
        });
        return { ok: true, record: next } as const;
      });
      if (result.ok) {
        ctx.bus.publish(boardOf(kr.cycleId), {
          type: 'link.saved',
          id: `${krId}:${link.objectiveId}`,
          version: result.record.version,
          record: result.record,
          ...(actorId ? { byPersonId: actorId } : {}),
        });
        ctx.rules.schedule();
      }
      return result;
    },
    async deleteLink(krId, objectiveId, expectedVersion) {
      const kr = await getKeyResult(ctx.db, krId);
      if (!kr) return { ok: false, reason: 'not-found' };
      const result = await ctx.db.transaction().execute(async (trx) => {
        const row = await getLinkRow(trx, krId, objectiveId);
        if (!row) return { ok: false, reason: 'not-found' } as const;
        const current = toLink(row);
        if (current.version !== expectedVersion) return { ok: false, reason: 'stale', current } as const;
        const removed = await trx
          .deleteFrom('kr_links')
          .where('kr_id', '=', krId)
          .where('objective_id', '=', objectiveId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) !== 1) return { ok: false, reason: 'stale', current } as const;
        await writeAudit(trx, ctx.now(), {
          actorId,
          action: 'link.delete',
          subjectType: 'link',
          subjectId: `${krId}:${objectiveId}`,
          before: current,
          after: null,
        });
        return { ok: true, record: current } as const;
      });
      if (result.ok) {
        ctx.bus.publish(boardOf(kr.cycleId), {
          type: 'link.removed',
          id: `${krId}:${objectiveId}`,
          ...(actorId ? { byPersonId: actorId } : {}),
        });
        ctx.rules.schedule();
      }
      return result;
    },
  };
}

/** Who acts when the context has no user (start-up): the system, as an administrator. */
const SYSTEM: HostUser = {
  userId: 'system',
  personId: 'system',
  name: 'system',
  role: 'admin',
  regionId: null,
  scope: null,
};

/**
 * The reference host's implementation of the sdk `HostContext`, for one user (null: the system,
 * e.g. at start-up). The HTTP routes and this context share storage, policy and services.
 */
export function createHostContext(
  ctx: ServerContext,
  user: HostUser | null,
): HostContext & { registered: RegisteredContributions } {
  const { registry, registered } = createContributionRegistry();
  return {
    contractVersion: HOST_CONTRACT_VERSION,
    host: { name: 'okr-align reference host', version: '0.1.0' },
    data: createDataPort(ctx, user?.personId ?? null),
    identity: {
      currentUser: () => user,
      can: (action, subject) => (user ? can(user, action, subject) : false),
    },
    notify: ctx.notifications,
    realtime: ctx.bus,
    settings: createSettingsStore({ ...appPortsOf(ctx), ...evaluationPortsOf(ctx) }, user ?? SYSTEM),
    registry,
    subscriptions: [],
    registered,
  };
}
