import { linkKey, type RecordName, type StoredLink } from '../../../plugin/app/ports.ts';
import { decodeRow, entityOf, type Row } from '../../../plugin/records/row-codec.ts';
import type { CollectionMap, CollectionName } from '../../../plugin/sdk/index.ts';

/** A row as NocoBase returns it from `model.toJSON()`; its columns are the record schema's. */
export type { Row };

/** A stored link of a key result, with its row id. */
export interface LinkRow extends StoredLink {
  id: string;
}

/** Link rows are keyed by KR and objective, so a link has one row whatever its history. */
export const linkId = linkKey;

/** The sdk entity of a row (no row version or custom values). */
export const entityRow =
  <C extends CollectionName & RecordName>(c: C) =>
  (r: Row): CollectionMap[C] =>
    entityOf(c, decodeRow(c, r)) as CollectionMap[C];

export const toPerson = entityRow('people');
export const toLink = (r: Row): LinkRow => ({ ...decodeRow('links', r), id: String(r.id) });
