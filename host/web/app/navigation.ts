import type { Role } from '../../../plugin/domain/types.ts';

export type PageKey =
  | 'kickoff'
  | 'calibration'
  | 'health'
  | 'pool'
  | 'peerReview'
  | 'metrics'
  | 'import'
  | 'settings'
  | 'forms'
  | 'audit'
  | 'notifications'
  | 'reports'
  | 'schedules'
  | 'channels'
  | 'primer'
  | 'organisation'
  | 'automations'
  | 'rules';

export interface NavItem {
  key: PageKey;
  path: string;
  /** i18n key of the menu label. */
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'hr', 'strategy', 'manager', 'sales'];

/** Every page of the shell and who sees it in the menu (the server still checks every call). */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'kickoff', path: '/kickoff', label: 'nav.kickoff', roles: ALL },
  { key: 'calibration', path: '/calibration', label: 'nav.calibration', roles: ALL },
  { key: 'health', path: '/health', label: 'nav.health', roles: ALL },
  { key: 'pool', path: '/pool', label: 'nav.pool', roles: ALL },
  { key: 'peerReview', path: '/peer-review', label: 'peerReview.nav', roles: ALL },
  { key: 'metrics', path: '/metrics', label: 'nav.metrics', roles: ['admin', 'hr', 'strategy', 'manager'] },
  { key: 'reports', path: '/reports', label: 'nav.reports', roles: ['admin', 'hr', 'strategy', 'manager'] },
  { key: 'import', path: '/import', label: 'nav.import', roles: ['admin', 'hr', 'manager'] },
  { key: 'settings', path: '/settings', label: 'nav.settings', roles: ['admin', 'hr'] },
  { key: 'automations', path: '/automations', label: 'automations.nav', roles: ['admin', 'hr'] },
  { key: 'rules', path: '/rules', label: 'customRules.nav', roles: ['admin'] },
  { key: 'schedules', path: '/schedules', label: 'nav.schedules', roles: ['admin', 'hr'] },
  { key: 'forms', path: '/forms', label: 'nav.forms', roles: ['admin', 'hr'] },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: ['admin', 'hr'] },
  { key: 'channels', path: '/channels', label: 'nav.channels', roles: ['admin'] },
  { key: 'organisation', path: '/organisation', label: 'organisation.nav', roles: ['admin', 'hr'] },
  { key: 'notifications', path: '/notifications', label: 'nav.notifications', roles: ALL },
  { key: 'primer', path: '/primer', label: 'nav.primer', roles: ALL },
];

/**
 * Menu entries for a user. A kickoff QR session is limited to its board, so it gets only the
 * kickoff page.
 */
export function navItemsFor(role: Role, scoped: boolean): NavItem[] {
  if (scoped) return NAV_ITEMS.filter((i) => i.key === 'kickoff');
  return NAV_ITEMS.filter((i) => i.roles.includes(role));
}

/** The page a path belongs to (`/kickoff/2026-H1` → kickoff), or null. */
export function pageOfPath(path: string): PageKey | null {
  const first = `/${path.split('/').filter(Boolean)[0] ?? ''}`;
  if (first === '/board') return 'kickoff';
  // A KR's own address opens its drawer over the calibration page.
  if (first === '/kr') return 'calibration';
  return NAV_ITEMS.find((i) => i.path === first)?.key ?? null;
}
