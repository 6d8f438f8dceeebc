import { ROLES } from '../../../plugin/domain/types.ts';
import { NAV_GROUPS, NAV_ITEMS, navGroupsFor, navItemsFor, pageOfPath } from './navigation.ts';

describe('navigation', () => {
  it('limits a kickoff QR session to the board, whatever the role', () => {
    for (const role of ROLES) expect(navItemsFor(role, true).map((i) => i.key)).toEqual(['kickoff']);
  });

  it('shows settings, forms and audit to hr and admin only', () => {
    for (const role of ROLES) {
      const keys = navItemsFor(role, false).map((i) => i.key);
      const payroll = role === 'hr' || role === 'admin';
      expect(keys.includes('settings')).toBe(payroll);
      expect(keys.includes('forms')).toBe(payroll);
      expect(keys.includes('audit')).toBe(payroll);
    }
    expect(navItemsFor('sales', false).map((i) => i.key)).toEqual([
      'kickoff',
      'calibration',
      'health',
      'pool',
      'peerReview',
      'notifications',
      'primer',
    ]);
  });

  it('shows group robots to admin, schedules to hr and admin, reports to readers, the primer to all', () => {
    const who = (key: string) => ROLES.filter((role) => navItemsFor(role, false).some((i) => i.key === key));
    expect(who('channels')).toEqual(['admin']);
    expect(new Set(who('schedules'))).toEqual(new Set(['admin', 'hr']));
    expect(new Set(who('reports'))).toEqual(new Set(['admin', 'hr', 'strategy', 'manager']));
    expect(who('primer')).toEqual([...ROLES]);
    expect(pageOfPath('/primer')).toBe('primer');
    expect(pageOfPath('/channels')).toBe('channels');
  });

  it('maps addresses to pages, including the QR board address', () => {
    expect(pageOfPath('/board/cycle-2026-h1')).toBe('kickoff');
    expect(pageOfPath('/kickoff/cycle-2026-h1')).toBe('kickoff');
    expect(pageOfPath('/settings')).toBe('settings');
    expect(pageOfPath('/')).toBeNull();
    expect(pageOfPath('/nope')).toBeNull();
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length);
  });

  // Each role's entries as they were before the menu had sections (a flat list of 16 for hr).
  const BEFORE_SECTIONS: Record<(typeof ROLES)[number], string[]> = {
    admin: [
      'kickoff',
      'calibration',
      'health',
      'pool',
      'peerReview',
      'metrics',
      'reports',
      'import',
      'settings',
      'automations',
      'rules',
      'schedules',
      'forms',
      'audit',
      'channels',
      'organisation',
      'notifications',
      'primer',
    ],
    hr: [
      'kickoff',
      'calibration',
      'health',
      'pool',
      'peerReview',
      'metrics',
      'reports',
      'import',
      'settings',
      'automations',
      'schedules',
      'forms',
      'audit',
      'organisation',
      'notifications',
      'primer',
    ],
    strategy: [
      'kickoff',
      'calibration',
      'health',
      'pool',
      'peerReview',
      'metrics',
      'reports',
      'notifications',
      'primer',
    ],
    manager: [
      'kickoff',
      'calibration',
      'health',
      'pool',
      'peerReview',
      'metrics',
      'reports',
      'import',
      'notifications',
      'primer',
    ],
    sales: ['kickoff', 'calibration', 'health', 'pool', 'peerReview', 'notifications', 'primer'],
  };

  it.each(ROLES)('gives %s in sections exactly the entries it had before', (role) => {
    const groups = navGroupsFor(role, false);
    const flat = groups.flatMap((g) => g.items.map((i) => i.key));
    expect(new Set(flat)).toEqual(new Set(BEFORE_SECTIONS[role]));
    expect(flat).toHaveLength(BEFORE_SECTIONS[role].length);
    expect(flat).toEqual(navItemsFor(role, false).map((i) => i.key));
    // Sections keep their order and none is empty.
    expect(groups.map((g) => NAV_GROUPS.indexOf(g.group))).toEqual(
      [...groups.map((g) => NAV_GROUPS.indexOf(g.group))].sort(),
    );
    for (const g of groups) expect(g.items.length).toBeGreaterThan(0);
  });

  it('puts daily work, setup and administration where people look for them', () => {
    const section = (key: string) => NAV_ITEMS.find((i) => i.key === key)?.group;
    for (const key of ['kickoff', 'calibration', 'notifications', 'pool']) expect(section(key)).toBe('daily');
    for (const key of ['settings', 'forms', 'rules', 'automations', 'channels', 'schedules'])
      expect(section(key)).toBe('setup');
    for (const key of ['organisation', 'audit', 'import']) expect(section(key)).toBe('manage');
    expect(navGroupsFor('sales', false).map((g) => g.group)).toEqual(['daily']);
    expect(navGroupsFor('hr', true)).toEqual([{ group: 'daily', items: navItemsFor('hr', true) }]);
  });
});
