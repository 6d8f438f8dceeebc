import { ROLES } from '../../../plugin/domain/types.ts';
import { NAV_ITEMS, navItemsFor, pageOfPath } from './navigation.ts';

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
});
