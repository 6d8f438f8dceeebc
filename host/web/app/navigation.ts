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

/** The menu's sections, in words people use: daily work, setting the pack up, running the company. */
export type NavGroup = 'daily' | 'setup' | 'manage';
export const NAV_GROUPS: readonly NavGroup[] = ['daily', 'setup', 'manage'];

export interface NavItem {
  key: PageKey;
  path: string;
  /** i18n key of the menu label. */
  label: string;
  roles: readonly Role[];
  group: NavGroup;
}

const ALL: readonly Role[] = ['admin', 'hr', 'strategy', 'manager', 'sales'];
const READERS: readonly Role[] = ['admin', 'hr', 'strategy', 'manager'];
const PAYROLL: readonly Role[] = ['admin', 'hr'];

/** Every page of the shell, by menu section, and who sees it in the menu (the server still checks every call). */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'kickoff', path: '/kickoff', label: 'nav.kickoff', roles: ALL, group: 'daily' },
  { key: 'calibration', path: '/calibration', label: 'nav.calibration', roles: ALL, group: 'daily' },
  { key: 'health', path: '/health', label: 'nav.health', roles: ALL, group: 'daily' },
  { key: 'pool', path: '/pool', label: 'nav.pool', roles: ALL, group: 'daily' },
  { key: 'peerReview', path: '/peer-review', label: 'peerReview.nav', roles: ALL, group: 'daily' },
  { key: 'metrics', path: '/metrics', label: 'nav.metrics', roles: READERS, group: 'daily' },
  { key: 'reports', path: '/reports', label: 'nav.reports', roles: READERS, group: 'daily' },
  { key: 'notifications', path: '/notifications', label: 'nav.notifications', roles: ALL, group: 'daily' },
  { key: 'primer', path: '/primer', label: 'nav.primer', roles: ALL, group: 'daily' },
  { key: 'settings', path: '/settings', label: 'nav.settings', roles: PAYROLL, group: 'setup' },
  { key: 'forms', path: '/forms', label: 'nav.forms', roles: PAYROLL, group: 'setup' },
  { key: 'rules', path: '/rules', label: 'customRules.nav', roles: ['admin'], group: 'setup' },
  { key: 'automations', path: '/automations', label: 'automations.nav', roles: PAYROLL, group: 'setup' },
  { key: 'channels', path: '/channels', label: 'nav.channels', roles: ['admin'], group: 'setup' },
  { key: 'schedules', path: '/schedules', label: 'nav.schedules', roles: PAYROLL, group: 'setup' },
  { key: 'organisation', path: '/organisation', label: 'organisation.nav', roles: PAYROLL, group: 'manage' },
  { key: 'import', path: '/import', label: 'nav.import', roles: ['admin', 'hr', 'manager'], group: 'manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: PAYROLL, group: 'manage' },
];

/**
 * Menu entries for a user. A kickoff QR session is limited to its board, so it gets only the
 * kickoff page.
 */
export function navItemsFor(role: Role, scoped: boolean): NavItem[] {
  if (scoped) return NAV_ITEMS.filter((i) => i.key === 'kickoff');
  return NAV_ITEMS.filter((i) => i.roles.includes(role));
}

/** The same entries by menu section, in section order; sections with nothing for the user are left out. */
export function navGroupsFor(role: Role, scoped: boolean): { group: NavGroup; items: NavItem[] }[] {
  const items = navItemsFor(role, scoped);
  return NAV_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter(
    (g) => g.items.length > 0,
  );
}

/** The page a path belongs to (`/kickoff/2026-H1` → kickoff), or null. */
export function pageOfPath(path: string): PageKey | null {
  const first = `/${path.split('/').filter(Boolean)[0] ?? ''}`;
  if (first === '/board') return 'kickoff';
  // A KR's own address opens its drawer over the calibration page.
  if (first === '/kr') return 'calibration';
  return NAV_ITEMS.find((i) => i.path === first)?.key ?? null;
}
