import type { AutomationVersion } from '../../../plugin/automations/versions.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Database } from '../storage/schema.ts';

type Row = Database['automation_versions'];

export const toAutomationVersion = (r: Row): AutomationVersion => ({
  version: Number(r.version),
  status: r.status as AutomationVersion['status'],
  document: parseJson(r.document, { version: 1, automations: [] }),
  reason: r.reason,
  authorId: r.author_id,
  createdAt: r.created_at,
  publishedAt: r.published_at,
  publishedById: r.published_by_id,
  rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of),
});

export const fromAutomationVersion = (v: AutomationVersion): Row => ({
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
