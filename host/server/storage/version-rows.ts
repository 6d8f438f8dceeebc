import type { VersionFields } from '../../../plugin/domain/document-versions.ts';
import { parseJson } from './mappers.ts';
import type { VersionTable } from './schema.ts';

/** Maps the rows of one version table: the document is JSON in `document`, under `field` in the pack. */
export function versionRows<V extends VersionFields, D>(field: 'settings' | 'document', fallback: () => D) {
  return {
    to: (r: VersionTable): V =>
      ({
        version: Number(r.version),
        status: r.status as VersionFields['status'],
        [field]: parseJson<D>(r.document, fallback()),
        reason: r.reason,
        authorId: r.author_id,
        createdAt: r.created_at,
        publishedAt: r.published_at,
        publishedById: r.published_by_id,
        rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of),
      }) as unknown as V,
    from: (v: V): VersionTable => ({
      version: v.version,
      status: v.status,
      document: JSON.stringify((v as unknown as Record<string, D>)[field]),
      reason: v.reason,
      author_id: v.authorId,
      created_at: v.createdAt,
      published_at: v.publishedAt,
      published_by_id: v.publishedById,
      rollback_of: v.rollbackOf,
    }),
  };
}
