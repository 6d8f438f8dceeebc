import type { Id, KeyResult } from '../domain/types.ts';
import { entityOf } from '../records/row-codec.ts';
import type { BoardMessage, DataPort, Subject, WriteResult } from '../sdk/index.ts';
import { type AppPorts, linkKey, type StoredLink, type Transaction } from './ports.ts';
import { krSubject } from './subjects.ts';

type Writes = Pick<DataPort, 'updateKeyResult' | 'saveLink' | 'deleteLink'>;
type Written<T> = { result: WriteResult<T>; about?: Subject };

/**
 * The sdk `DataPort` writes over the pack's records, for every host: each is a compare-and-set on the
 * row version in one transaction, link writes are audited, and a committed write is announced on the
 * KR's board after commit (to the clients who may read that KR), with `actorId` as its author.
 */
export function dataPortWrites(
  ports: Pick<AppPorts, 'uow' | 'publish'> & { now(): string },
  actorId: Id | null,
): Writes {
  const by = actorId ? { byPersonId: actorId } : {};
  const write = async <T>(
    work: (tx: Transaction) => Promise<Written<T>>,
    message: (record: T) => BoardMessage,
  ) => {
    const { result, about } = await ports.uow.transaction(work);
    if (result.ok && about?.boardId)
      ports.publish(about.boardId, { ...message(result.record), ...by }, about);
    return result;
  };
  const audit = (tx: Transaction, action: string, subjectId: string, before: unknown, after: unknown) =>
    tx.audit({ at: ports.now(), actorId, action, subjectType: 'link', subjectId, before, after });
  const stale = <T>(current: T): Written<T> => ({ result: { ok: false, reason: 'stale', current } });
  const notFound: Written<never> = { result: { ok: false, reason: 'not-found' } };

  return {
    updateKeyResult: (id, patch, expectedVersion) =>
      write<KeyResult>(
        async (tx) => {
          const stored = await tx.get('keyResults', id);
          if (!stored) return notFound;
          const current = entityOf('keyResults', stored);
          if (current.version !== expectedVersion) return stale(current);
          // A KR's creation time, links, id and version are never a patch's.
          const { links: _l, id: _i, version: _v, createdAt: _c, ...values } = patch as Partial<KeyResult>;
          if (!(await tx.update('keyResults', id, values, expectedVersion))) return stale(current);
          const record = { ...current, ...values, id, version: expectedVersion + 1 };
          return { result: { ok: true, record }, about: await krSubject(tx, stored) };
        },
        (record) => ({ type: 'keyResult.saved', id: record.id, version: record.version, record }),
      ),

    saveLink: (krId, link, expectedVersion) =>
      write<StoredLink>(
        async (tx) => {
          const kr = await tx.get('keyResults', krId);
          if (!kr) return notFound;
          const key = linkKey(krId, link.objectiveId);
          const current = await tx.get('links', key);
          if ((current?.version ?? null) !== expectedVersion) return current ? stale(current) : notFound;
          const subject = `${krId}:${link.objectiveId}`;
          if (current) {
            const next = { ...current, weight: link.weight, version: current.version + 1 };
            if (!(await tx.update('links', key, { weight: link.weight }, current.version)))
              return stale(current);
            await audit(tx, 'link.update', subject, current, next);
            return { result: { ok: true, record: next }, about: await krSubject(tx, kr) };
          }
          const next = {
            krId,
            objectiveId: link.objectiveId,
            weight: link.weight,
            linkedAt: ports.now(),
            version: 1,
          };
          await tx.insert('links', next);
          await audit(tx, 'link.create', subject, null, next);
          return { result: { ok: true, record: next }, about: await krSubject(tx, kr) };
        },
        (record) => ({
          type: 'link.saved',
          id: `${krId}:${link.objectiveId}`,
          version: record.version,
          record,
        }),
      ),

    deleteLink: (krId, objectiveId, expectedVersion) =>
      write<StoredLink>(
        async (tx) => {
          const kr = await tx.get('keyResults', krId);
          const current = kr ? await tx.get('links', linkKey(krId, objectiveId)) : null;
          if (!kr || !current) return notFound;
          if (current.version !== expectedVersion) return stale(current);
          // The version in the filter makes a concurrent writer's delete or update lose, not both win.
          if (!(await tx.remove('links', linkKey(krId, objectiveId), expectedVersion))) return stale(current);
          await audit(tx, 'link.delete', `${krId}:${objectiveId}`, current, null);
          return { result: { ok: true, record: current }, about: await krSubject(tx, kr) };
        },
        () => ({ type: 'link.removed', id: `${krId}:${objectiveId}` }),
      ),
  };
}
