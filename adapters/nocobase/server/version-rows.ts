import type { VersionFields } from '../../../plugin/domain/document-versions.ts';
import type { Row } from './records.ts';

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** Reads a row of a version collection; its document is stored (and kept in the pack) under `field`. */
export const versionFromRow =
  <V extends VersionFields>(field: 'settings' | 'document') =>
  (r: Row): V =>
    ({
      version: Number(r.version),
      status: r.status as VersionFields['status'],
      [field]: parsed(r[field]),
      reason: String(r.reason ?? ''),
      authorId: String(r.authorId),
      createdAt: String(r.createdAt),
      publishedAt: (r.publishedAt as string | null) ?? null,
      publishedById: (r.publishedById as string | null) ?? null,
      rollbackOf: r.rollbackOf == null ? null : Number(r.rollbackOf),
    }) as unknown as V;
