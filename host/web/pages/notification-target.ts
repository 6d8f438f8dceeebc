import type { AppNotification } from '../api/endpoints.ts';
import { escalationLink, krLink } from '../okr/detail/detail-links.ts';

/** Where a notification leads: a shell path, or a server page opened as a whole page (`/api/…`). */
export interface NotificationTarget {
  href: string;
  /** True for server pages (reports): a full page load, not a shell navigation. */
  document: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const shell = (href: string): NotificationTarget => ({ href, document: false });

/** Pages of the kinds whose subject is a month or nothing (schedules, digests). */
const PAGE_OF_KIND: [prefix: string, path: string][] = [
  ['schedule.calibration', '/calibration'],
  ['schedule.daily-alerts', '/calibration'],
  ['schedule.monthly-report', '/reports'],
  ['schedule.kickoff', '/kickoff'],
  ['rule.escalate-digest', '/calibration'],
  ['rule.key-client-gap', '/health'],
];

/** What a notification is about, as a link: the escalation, the KR, the pool statement, the page. */
export function notificationTarget(n: AppNotification): NotificationTarget | null {
  const s = n.subject;
  const escalationId = str(s.escalationId);
  if (escalationId) return shell(escalationLink(escalationId));
  const poolRunId = str(s.poolRunId);
  if (poolRunId || n.kind === 'pool.released')
    return shell(poolRunId ? `/pool?run=${encodeURIComponent(poolRunId)}` : '/pool');
  const krId = str(s.krId);
  if (krId) return shell(krLink(krId));
  const link = str(n.params.link);
  if (link?.startsWith('/')) return { href: link, document: link.startsWith('/api/') };
  const page = PAGE_OF_KIND.find(([prefix]) => n.kind.startsWith(prefix))?.[1];
  return page ? shell(page) : null;
}
