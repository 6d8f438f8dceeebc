import { describe, expect, it } from 'vitest';
import { peerAssignments, revieweesOf } from './peer-assignments.ts';
import { makePerson } from './test-factories.ts';
import type { Person } from './types.ts';

const rep = (id: string, regionId: string, role: Person['role'] = 'sales') =>
  makePerson({ id, name: id, role, regionId });

const east = [rep('e1', 'east'), rep('e2', 'east'), rep('e3', 'east'), rep('em', 'east', 'manager')];
const south = [rep('s1', 'south'), rep('s2', 'south')];
const hq = [makePerson({ id: 'hr', role: 'hr', regionId: null }), rep('adm', 'east', 'admin')];
const people = [...east, ...south, ...hq];

describe('peerAssignments', () => {
  it('assigns every sales or manager peer of the same region, never oneself, hr or admins', () => {
    const map = peerAssignments(people, { crossRegion: [], maxReviewees: 10 });
    expect(map.get('e1')).toEqual(['e2', 'e3', 'em']);
    expect(map.get('em')).toEqual(['e1', 'e2', 'e3']);
    expect(map.get('s2')).toEqual(['s1']);
    expect(map.has('hr')).toBe(false);
    expect(map.has('adm')).toBe(false);
  });

  it('adds HR’s cross-region pairs first and ignores pairs inside a region or with non-peers', () => {
    const crossRegion = [
      { reviewerId: 's1', revieweeId: 'e3' },
      { reviewerId: 's1', revieweeId: 's2' },
      { reviewerId: 's1', revieweeId: 'hr' },
      { reviewerId: 's1', revieweeId: 's1' },
    ];
    expect(revieweesOf(people, { crossRegion, maxReviewees: 10 }, 's1')).toEqual(['e3', 's2']);
    expect(revieweesOf(people, { crossRegion, maxReviewees: 10 }, 'e3')).not.toContain('s1');
  });

  it('caps reviewees per person and spreads the cut so each colleague keeps about as many reviewers', () => {
    const map = peerAssignments(people, { crossRegion: [], maxReviewees: 2 });
    for (const p of east) expect(map.get(p.id)).toHaveLength(2);
    const received = new Map<string, number>();
    for (const ids of map.values()) for (const id of ids) received.set(id, (received.get(id) ?? 0) + 1);
    expect(east.map((p) => received.get(p.id))).toEqual([2, 2, 2, 2]);
  });

  it('keeps a cross-region pick when the cap is reached and drops a same-region peer instead', () => {
    const crossRegion = [{ reviewerId: 'e1', revieweeId: 's2' }];
    expect(revieweesOf(people, { crossRegion, maxReviewees: 2 }, 'e1')).toEqual(['s2', 'e2']);
    expect(revieweesOf(people, { crossRegion, maxReviewees: 0 }, 'e1')).toEqual([]);
  });

  it('answers nothing for an unknown reviewer', () => {
    expect(revieweesOf(people, { crossRegion: [], maxReviewees: 5 }, 'nobody')).toEqual([]);
  });
});
