import type { RuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Database } from '../storage/schema.ts';

type Row = Database['rule_versions'];

export const toRuleVersion = (r: Row): RuleVersion => ({
  version: Number(r.version),
  status: r.status as RuleVersion['status'],
  document: parseJson(r.document, { rules: [] }),
  reason: r.reason,
  authorId: r.author_id,
  createdAt: r.created_at,
  publishedAt: r.published_at,
  publishedById: r.published_by_id,
  rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of),
});

export const fromRuleVersion = (v: RuleVersion): Row => ({
  version: v.version,
  status: v.status,
  document: JSON.stringify(v.document),
  reason: v.reason,
  author_id: v.authorId,
  created_at: v.createdAt,
  published_at: v.publishedAt,
  published_by_id: v.publishedById,
  rollback_of: v.rollbackOf,
});
