import type { CustomRuleDocument } from '../../../plugin/engine/custom-rules.ts';
import type { RuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import type { Row } from './records.ts';

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export const toRuleVersion = (r: Row): RuleVersion => ({
  version: Number(r.version),
  status: r.status as RuleVersion['status'],
  document: parsed<CustomRuleDocument>(r.document),
  reason: String(r.reason ?? ''),
  authorId: String(r.authorId),
  createdAt: String(r.createdAt),
  publishedAt: (r.publishedAt as string | null) ?? null,
  publishedById: (r.publishedById as string | null) ?? null,
  rollbackOf: r.rollbackOf == null ? null : Number(r.rollbackOf),
});
