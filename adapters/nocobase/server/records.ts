import {
  type AppRecords,
  activityKey,
  linkKey,
  type RecordName,
  type StoredLink,
} from '../../../plugin/app/ports.ts';
import type { Activity, KeyResult } from '../../../plugin/domain/types.ts';
import { decodeRow, encodeRow, entityOf, type Row } from '../../../plugin/records/row-codec.ts';
import type { CollectionMap, CollectionName } from '../../../plugin/sdk/index.ts';

/** A row as NocoBase returns it from `model.toJSON()`; its columns are the record schema's. */
export type { Row };

/** A stored link of a key result, with its row id. */
export interface LinkRow extends StoredLink {
  id: string;
}

/** Link rows are keyed by KR and objective, so a link has one row whatever its history. */
export const linkId = linkKey;
/** Activities have no id of their own: one per person and month. */
export const activityId = (a: Pick<Activity, 'personId' | 'month'>): string =>
  activityKey(a.personId, a.month);

/** The sdk entity of a row (no row version or custom values), e.g. for a snapshot. */
export const entityRow =
  <C extends CollectionName & RecordName>(c: C) =>
  (r: Row): CollectionMap[C] =>
    entityOf(c, decodeRow(c, r)) as CollectionMap[C];

export const toCycle = entityRow('cycles');
export const toPerson = entityRow('people');
export const toObjective = entityRow('objectives');
export const toLink = (r: Row): LinkRow => ({ ...decodeRow('links', r), id: String(r.id) });

/** A KR's links in the order it made them. */
const linksOf = (krId: unknown, links: readonly StoredLink[]) =>
  links
    .filter((l) => l.krId === krId)
    .sort((a, b) => a.linkedAt.localeCompare(b.linkedAt) || a.objectiveId.localeCompare(b.objectiveId))
    .map(({ objectiveId, weight, linkedAt }) => ({ objectiveId, weight, linkedAt }));

/** A key result with its links, as stored (with `custom`) or as the sdk entity (`entity`). */
export function toKeyResult(r: Row, links: readonly StoredLink[]): KeyResult;
export function toKeyResult(r: Row, links: readonly StoredLink[], stored: true): AppRecords['keyResults'];
export function toKeyResult(r: Row, links: readonly StoredLink[], stored = false) {
  const record = { ...decodeRow('keyResults', r), links: linksOf(r.id, links) };
  return stored ? record : entityOf('keyResults', record);
}

/** Row values of a key result: its `createdAt` is `proposedAt`, NocoBase's own `createdAt` stays NocoBase's. */
export const keyResultRow = (kr: KeyResult): Row => encodeRow('keyResults', kr);
