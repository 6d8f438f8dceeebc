import type { VersionFields } from '../../../plugin/domain/document-versions.ts';
import { decodeRow, encodeRow } from '../../../plugin/records/row-codec.ts';
import { SQL_ROWS } from './mappers.ts';
import type { VersionTable } from './schema.ts';

/** Maps the rows of one version table: the document is JSON in `document`, under `field` in the pack. */
export function versionRows<V extends VersionFields, D>(field: 'settings' | 'document', fallback: () => D) {
  // The automation and custom-rule versions are laid out alike.
  const c = field === 'settings' ? 'settingsVersions' : 'ruleVersions';
  return {
    to: (r: VersionTable): V =>
      decodeRow(c, r.document ? r : { ...r, document: JSON.stringify(fallback()) }, SQL_ROWS) as unknown as V,
    from: (v: V): VersionTable => encodeRow(c, v as never, SQL_ROWS) as VersionTable,
  };
}
