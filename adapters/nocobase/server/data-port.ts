import { cycleMonths, quarterOf } from '../../../plugin/domain/dates.ts';
import type { Cycle, Id, KeyResult, Snapshot } from '../../../plugin/domain/types.ts';
import {
  type BoardMessage,
  boardOf,
  type CollectionMap,
  type CollectionName,
  type DataPort,
  type Subject,
  type Where,
} from '../../../plugin/sdk/index.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS, type CollectionKey } from './collections.ts';
import type { ScopedRealtime } from './realtime.ts';
import {
  type LinkRow,
  linkId,
  type Row,
  toActivity,
  toCheckIn,
  toCycle,
  toEscalation,
  toKeyAccount,
  toKeyResult,
  toLink,
  toObjective,
  toPeerReview,
  toPerson,
  toRegion,
} from './records.ts';
import type { TableAccess, Tables } from './tables.ts';

const SDK_TO_KEY: Record<CollectionName, CollectionKey> = {
  cycles: 'cycles',
  regions: 'regions',
  people: 'people',
  objectives: 'objectives',
  keyResults: 'keyResults',
  checkIns: 'checkIns',
  escalations: 'escalations',
  activities: 'activities',
  keyAccounts: 'keyAccounts',
  peerReviews: 'peerReviews',
};

const MAPPERS: { [C in Exclude<CollectionName, 'keyResults'>]: (r: Row) => CollectionMap[C] } = {
  cycles: toCycle,
  regions: toRegion,
  people: toPerson,
  objectives: toObjective,
  checkIns: toCheckIn,
  escalations: toEscalation,
  activities: toActivity,
  keyAccounts: toKeyAccount,
  peerReviews: toPeerReview,
};

/** The cycle containing `today`, else the latest started one, else the first (same rule as the reference host). */
export function pickCurrentCycle(cycles: readonly Cycle[], today: string): Cycle | null {
  const sorted = [...cycles].sort((a, b) => a.start.localeCompare(b.start));
  const containing = sorted.find((c) => c.start <= today && today <= c.end);
  if (containing) return containing;
  return sorted.filter((c) => c.start <= today).at(-1) ?? sorted[0] ?? null;
}

/** Who writes through a data port, and where its committed writes are announced. */
export interface DataPortOptions {
  /** The person acting; audit entries of a port without one name `system`. */
  personId?: string;
  realtime?: ScopedRealtime;
}

/**
 * The sdk `DataPort` over NocoBase repositories. `today` gives the date that picks the current cycle;
 * `now` stamps new links. As on the reference host, every committed KR or link write is announced on
 * the KR's board (to the clients who may read that KR), and link writes are audited.
 */
export function createDataPort(
  tables: Tables,
  clock: { today(): string; now(): string },
  options: DataPortOptions = {},
): DataPort {
  const actorId = options.personId ?? 'system';
  const auditLink = (tx: TableAccess, action: string, before: unknown, after: unknown, key: string) =>
    writeAudit(tx, { at: clock.now(), actorId, action, subject: `link:${key}`, detail: { before, after } });
  /** Ownership facts of a KR row for the policy, read inside the write's transaction. */
  const krSubject = async (tx: TableAccess, kr: Row): Promise<Subject> => {
    const personal = kr.ownerType === 'person';
    const owner = personal ? await tx.findOne(COLLECTIONS.people, String(kr.ownerId)) : null;
    return {
      type: 'keyResult',
      ownerPersonId: personal ? String(kr.ownerId) : null,
      regionId: personal ? ((owner?.regionId as string | null | undefined) ?? null) : String(kr.ownerId),
      boardId: boardOf(String(kr.cycleId)),
    };
  };
  /** Call after commit only. */
  const announce = (about: Subject, message: BoardMessage) =>
    options.realtime?.publish(
      about.boardId!,
      { ...message, ...(options.personId ? { byPersonId: options.personId } : {}) },
      about,
    );

  const rows = async (key: CollectionKey, filter?: Record<string, unknown>): Promise<Row[]> =>
    tables.find(COLLECTIONS[key], filter);

  const keyResults = async (filter?: Record<string, unknown>) => {
    const krRows = await rows('keyResults', filter);
    const ids = krRows.map((r) => r.id);
    const links = ids.length ? (await rows('links', { krId: { $in: ids } })).map(toLink) : [];
    return krRows.map((r) => toKeyResult(r, links));
  };

  const list = async <C extends CollectionName>(
    collection: C,
    where?: Where<CollectionMap[C]>,
  ): Promise<CollectionMap[C][]> => {
    const filter = where && Object.keys(where).length ? { ...where } : undefined;
    if (collection === 'keyResults') return (await keyResults(filter)) as CollectionMap[C][];
    const map = MAPPERS[collection as Exclude<CollectionName, 'keyResults'>] as (r: Row) => CollectionMap[C];
    return (await rows(SDK_TO_KEY[collection], filter)).map(map);
  };

  return {
    async snapshot(cycleId?: Id): Promise<Snapshot> {
      const cycles = (await rows('cycles')).map(toCycle);
      const cycle = cycleId ? cycles.find((c) => c.id === cycleId) : pickCurrentCycle(cycles, clock.today());
      if (!cycle) {
        throw new Error(
          `nocobase adapter: no cycle ${cycleId ?? '(current)'} in ${COLLECTIONS.cycles}; create a cycle first`,
        );
      }
      const months = cycleMonths(cycle);
      const quarters = [...new Set(months.map(quarterOf))];
      // Archived KRs and objectives leave the rules and the pool; their rows stay.
      const krs = (await keyResults({ cycleId: cycle.id })).filter((k) => !k.archivedAt);
      const krIds = krs.map((k) => k.id);
      const byKr = krIds.length ? { krId: { $in: krIds } } : { krId: { $in: ['\u0000'] } };
      const [regions, people, objectives, checkIns, escalations, activities, keyAccounts, peerReviews] =
        await Promise.all([
          list('regions'),
          list('people'),
          list('objectives', { cycleId: cycle.id }),
          rows('checkIns', byKr).then((r) => r.map(toCheckIn)),
          rows('escalations', byKr).then((r) => r.map(toEscalation)),
          rows('activities', { month: { $in: months } }).then((r) => r.map(toActivity)),
          list('keyAccounts'),
          rows('peerReviews', { quarter: { $in: quarters } }).then((r) => r.map(toPeerReview)),
        ]);
      const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
      return {
        cycle,
        regions: regions.sort(byId),
        people: people.sort(byId),
        objectives: objectives.filter((o) => !o.archivedAt).sort(byId),
        keyResults: krs.sort(byId),
        checkIns: checkIns.sort(byId),
        escalations: escalations.sort(byId),
        activities: activities.sort(
          (a, b) => a.personId.localeCompare(b.personId) || a.month.localeCompare(b.month),
        ),
        keyAccounts: keyAccounts.sort(byId),
        peerReviews: peerReviews.sort(byId),
      };
    },

    list,

    async get(collection, id) {
      if (collection === 'activities') {
        const [personId, month] = id.split(':');
        const found = await list('activities', { personId, month } as Where<CollectionMap['activities']>);
        return (found[0] ?? null) as never;
      }
      const found = await list(collection, { id } as unknown as Where<CollectionMap[typeof collection]>);
      return found[0] ?? null;
    },

    async updateKeyResult(id, patch, expectedVersion) {
      const written = await tables.transaction(async (tx) => {
        const row = await tx.findOne(COLLECTIONS.keyResults, id);
        if (!row) return { result: { ok: false, reason: 'not-found' } as const };
        const links = (await tx.find(COLLECTIONS.links, { krId: id })).map(toLink);
        const current = toKeyResult(row, links);
        if (current.version !== expectedVersion)
          return { result: { ok: false, reason: 'stale', current } as const };
        // A KR's creation time never changes (and `createdAt` here would be NocoBase's own column).
        const { links: _l, id: _i, version: _v, createdAt: _c, ...values } = patch as Record<string, unknown>;
        const version = current.version + 1;
        await tx.update(COLLECTIONS.keyResults, id, { ...values, version });
        const record = { ...current, ...values, id, version } as KeyResult;
        return { result: { ok: true, record } as const, about: await krSubject(tx, row) };
      });
      if (written.result.ok && written.about) {
        const { record } = written.result;
        announce(written.about, { type: 'keyResult.saved', id, version: record.version, record });
      }
      return written.result;
    },

    async saveLink(krId, link, expectedVersion) {
      const plain = ({ id: _id, ...rest }: LinkRow) => rest;
      const written = await tables.transaction(async (tx) => {
        const kr = await tx.findOne(COLLECTIONS.keyResults, krId);
        if (!kr) return { result: { ok: false, reason: 'not-found' } as const };
        const key = linkId(krId, link.objectiveId);
        const row = await tx.findOne(COLLECTIONS.links, key);
        const current = row ? toLink(row) : null;
        if ((current?.version ?? null) !== expectedVersion) {
          return {
            result: current
              ? ({ ok: false, reason: 'stale', current: plain(current) } as const)
              : ({ ok: false, reason: 'not-found' } as const),
          };
        }
        const subject = `${krId}:${link.objectiveId}`;
        const next: LinkRow = current
          ? { ...current, weight: link.weight, version: current.version + 1 }
          : {
              id: key,
              krId,
              objectiveId: link.objectiveId,
              weight: link.weight,
              linkedAt: clock.now(),
              version: 1,
            };
        if (current) {
          await tx.update(COLLECTIONS.links, key, { weight: next.weight, version: next.version });
          await auditLink(tx, 'link.update', plain(current), plain(next), subject);
        } else {
          await tx.create(COLLECTIONS.links, { ...next });
          await auditLink(tx, 'link.create', null, plain(next), subject);
        }
        return { result: { ok: true, record: plain(next) } as const, about: await krSubject(tx, kr) };
      });
      if (written.result.ok && written.about) {
        const { record } = written.result;
        const id = `${krId}:${link.objectiveId}`;
        announce(written.about, { type: 'link.saved', id, version: record.version, record });
      }
      return written.result;
    },

    async deleteLink(krId, objectiveId, expectedVersion) {
      const written = await tables.transaction(async (tx) => {
        const kr = await tx.findOne(COLLECTIONS.keyResults, krId);
        const row = kr ? await tx.findOne(COLLECTIONS.links, linkId(krId, objectiveId)) : null;
        if (!kr || !row) return { result: { ok: false, reason: 'not-found' } as const };
        const { id, ...current } = toLink(row);
        if (current.version !== expectedVersion)
          return { result: { ok: false, reason: 'stale', current } as const };
        // The version in the filter makes a concurrent writer's delete or update lose, not both win.
        const removed = await tx.destroy(COLLECTIONS.links, { id, version: expectedVersion });
        if (removed !== 1) return { result: { ok: false, reason: 'stale', current } as const };
        await auditLink(tx, 'link.delete', current, null, `${krId}:${objectiveId}`);
        return { result: { ok: true, record: current } as const, about: await krSubject(tx, kr) };
      });
      if (written.result.ok && written.about) {
        announce(written.about, { type: 'link.removed', id: `${krId}:${objectiveId}` });
      }
      return written.result;
    },
  };
}
