import { RECORD_NAMES } from '../../../plugin/records/record-schema.ts';
import { specOf } from '../../../plugin/records/row-codec.ts';
import { COLLECTIONS } from './collections.ts';

/** Collections whose rows carry a `version` the pack's optimistic writes compare. */
export const VERSIONED = RECORD_NAMES.filter((c) => specOf(c).versioned).map((c) => COLLECTIONS[c]);

/** The slice of a Sequelize instance and save options the hook touches. */
export interface VersionedRow {
  changed(key: string): unknown;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * A `beforeUpdate` hook: an update that does not set the row version itself (an admin's edit through
 * NocoBase's own UI or API, a workflow) still bumps it, so a pack write prepared on the old row is
 * refused as stale instead of silently overwriting the edit. The pack's own writes set the version.
 */
export function bumpRowVersion(row: VersionedRow, options: { fields?: string[] } = {}): void {
  if (row.changed('version')) return;
  row.set('version', Number(row.get('version')) + 1);
  // Sequelize saves only `fields` when they were given; the hook's change must be among them.
  if (options.fields && !options.fields.includes('version')) options.fields.push('version');
}
