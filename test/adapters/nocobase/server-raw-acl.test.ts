import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import {
  GRANTABLE_READ,
  type GuardContext,
  rawAccess,
  rawCollectionGuard,
} from '../../../adapters/nocobase/server/raw-acl.ts';

describe('raw okr_* collection guard', () => {
  const all = Object.values(COLLECTIONS);

  it('lets root and admin do anything, with any other role alongside', () => {
    for (const c of all) {
      expect(rawAccess([c], 'destroy', ['root'])).toBe('pass');
      expect(rawAccess([c], 'update', ['okr_sales', 'admin'])).toBe('pass');
    }
  });

  it('refuses every write to every other role, whatever NocoBase granted', () => {
    for (const c of all) {
      for (const action of [
        'create',
        'update',
        'destroy',
        'updateOrCreate',
        'firstOrCreate',
        'export',
        'move',
      ]) {
        expect([c, action, rawAccess([c], action, ['okr_hr', 'member'])]).toEqual([c, action, 'deny']);
      }
    }
  });

  it('passes reads of the plain collections on to NocoBase ACL, never of reviews, runs, audit…', () => {
    for (const c of all) {
      const want = GRANTABLE_READ.has(c) ? 'pass' : 'deny';
      for (const action of ['list', 'get', 'query'])
        expect(rawAccess([c], action, ['okr_manager'])).toBe(want);
    }
    expect([...GRANTABLE_READ].sort()).toEqual([
      'okr_check_ins',
      'okr_cycles',
      'okr_key_results',
      'okr_kr_links',
      'okr_objectives',
      'okr_people',
      'okr_regions',
    ]);
    expect(rawAccess(['okr_peer_reviews'], 'list', ['anonymous'])).toBe('deny');
  });

  it('sees through association paths and leaves other resources alone', () => {
    expect(rawAccess(['okr_people.reviews', 'okr_peer_reviews'], 'list', ['member'])).toBe('deny');
    expect(rawAccess(['okr_audit/1/x'], 'get', ['member'])).toBe('deny');
    expect(rawAccess(['okrAlign', 'okrAlign'], 'saveLink', ['member'])).toBe('pass');
    expect(rawAccess(['users'], 'update', ['member'])).toBe('pass');
  });

  it('as ACL middleware: answers 403 or calls next, also for charts:query on a pack collection', async () => {
    const run = async (resourceName: string, actionName: string, roles: string[], values?: unknown) => {
      let passed = false;
      const ctx: GuardContext = {
        action: { resourceName, actionName, params: { values } },
        state: { currentRole: roles[0], currentRoles: roles },
        throw: (status: number) => {
          throw Object.assign(new Error('refused'), { status });
        },
      };
      try {
        await rawCollectionGuard(ctx, async () => {
          passed = true;
        });
      } catch (error) {
        return (error as { status: number }).status;
      }
      return passed ? 'next' : 'stopped';
    };
    expect(await run('okr_peer_reviews', 'list', ['okr_sales'])).toBe(403);
    expect(await run('okr_peer_reviews', 'list', ['admin'])).toBe('next');
    expect(await run('okr_objectives', 'list', ['okr_sales'])).toBe('next');
    expect(await run('charts', 'query', ['okr_sales'], { collection: 'okr_audit' })).toBe(403);
    expect(await run('charts', 'query', ['okr_sales'], { collection: 'orders' })).toBe('next');
  });
});
