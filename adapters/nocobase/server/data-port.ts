import { pickCurrentCycle } from '../../../plugin/app/current-cycle.ts';
import { dataPortWrites } from '../../../plugin/app/data-port-writes.ts';
import type { RecordName } from '../../../plugin/app/ports.ts';
import { cycleMonths, quarterOf } from '../../../plugin/domain/dates.ts';
import type { Id, Snapshot } from '../../../plugin/domain/types.ts';
import { keyFields, toColumns } from '../../../plugin/records/row-codec.ts';
import type { CollectionMap, CollectionName, DataPort, Where } from '../../../plugin/sdk/index.ts';
import { nocobaseUnitOfWork } from './app-records.ts';
import { COLLECTIONS, type CollectionKey } from './collections.ts';
import type { ScopedRealtime } from './realtime.ts';
import { entityRow, type Row, toCycle, toKeyResult, toLink } from './records.ts';
import type { Tables } from './tables.ts';

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
  const rows = async (key: CollectionKey, filter?: Record<string, unknown>): Promise<Row[]> =>
    tables.find(COLLECTIONS[key], toColumns(key as RecordName, filter));

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
    if (collection === 'keyResults') return (await keyResults(where)) as CollectionMap[C][];
    return (await rows(collection, where)).map(entityRow(collection));
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
          list('checkIns', byKr as never),
          list('escalations', byKr as never),
          list('activities', { month: { $in: months } } as never),
          list('keyAccounts'),
          list('peerReviews', { quarter: { $in: quarters } } as never),
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
      const found = await list(
        collection,
        keyFields(collection, id) as Where<CollectionMap[typeof collection]>,
      );
      return found[0] ?? null;
    },

    ...dataPortWrites(
      {
        uow: nocobaseUnitOfWork(tables),
        publish: (boardId, message, about) => options.realtime?.publish(boardId, message, about),
        now: clock.now,
      },
      options.personId ?? null,
    ),
  };
}
