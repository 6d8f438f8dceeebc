import type { VersionFields } from '../../../plugin/domain/document-versions.ts';
import { decodeRow, type Row } from '../../../plugin/records/row-codec.ts';

/** Reads a row of a version collection; its document is stored (and kept in the pack) under `field`. */
export const versionFromRow =
  <V extends VersionFields>(field: 'settings' | 'document') =>
  (r: Row): V =>
    decodeRow(field === 'settings' ? 'settingsVersions' : 'ruleVersions', r) as unknown as V;
