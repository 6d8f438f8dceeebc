import { hostUserOf, PACK_ROLES, ROLE_MAP } from '../../../adapters/nocobase/server/identity.ts';
import { callerIdentity as createIdentity } from '../../../plugin/app/caller-identity.ts';
import type { Person } from '../../../plugin/domain/types.ts';

const rep: Person = {
  id: 'p-1',
  name: '李娜',
  role: 'sales',
  regionId: 'r-east',
  managerId: 'p-m',
  baseBonusCents: 1,
};

describe('nocobase identity', () => {
  it('maps NocoBase root and admin to our admin, and creates one NocoBase role per other pack role', () => {
    expect(ROLE_MAP.root).toBe('admin');
    expect(ROLE_MAP.admin).toBe('admin');
    expect(PACK_ROLES.map((r) => r.role).sort()).toEqual(['hr', 'manager', 'sales', 'strategy']);
  });

  it('takes the role from the NocoBase role when it is one of ours, else from the person', () => {
    expect(hostUserOf({ id: 7 }, 'okr_hr', rep)?.role).toBe('hr');
    expect(hostUserOf({ id: 7 }, 'member', rep)).toMatchObject({
      role: 'sales',
      personId: 'p-1',
      regionId: 'r-east',
    });
    expect(hostUserOf({ id: 7 }, 'member', null)).toBeNull();
    expect(hostUserOf(undefined, 'root', rep)).toBeNull();
  });

  it('answers with the pack policy: a rep may not run the pool, hr may', () => {
    const sales = createIdentity(hostUserOf({ id: 7 }, 'member', rep));
    const hr = createIdentity(hostUserOf({ id: 8, nickname: 'HR' }, 'okr_hr', null));
    expect(sales.can('run', { type: 'poolRun' })).toBe(false);
    expect(hr.can('run', { type: 'poolRun' })).toBe(true);
    expect(createIdentity(null).can('read', { type: 'objective' })).toBe(false);
  });
});
