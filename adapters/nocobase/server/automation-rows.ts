import type { AutomationDocument } from '../../../plugin/automations/types.ts';
import type { AutomationVersion } from '../../../plugin/automations/versions.ts';
import type { Row } from './records.ts';

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export const toAutomationVersion = (r: Row): AutomationVersion => ({
  version: Number(r.version),
  status: r.status as AutomationVersion['status'],
  document: parsed<AutomationDocument>(r.document),
  reason: String(r.reason ?? ''),
  authorId: String(r.authorId),
  createdAt: String(r.createdAt),
  publishedAt: (r.publishedAt as string | null) ?? null,
  publishedById: (r.publishedById as string | null) ?? null,
  rollbackOf: r.rollbackOf == null ? null : Number(r.rollbackOf),
});
