import { checkActivity } from '../../../adapters/nocobase/server/activity-actions.ts';
import {
  checkAssign,
  checkRaise,
  checkResolve,
} from '../../../adapters/nocobase/server/escalation-actions.ts';
import { FORM_ACTIONS, FORM_WRITES } from '../../../adapters/nocobase/server/form-actions.ts';
import { checkObjective } from '../../../adapters/nocobase/server/objective-actions.ts';
import { checkPeerReview, withoutReviewer } from '../../../adapters/nocobase/server/peer-review-actions.ts';
import { escalationAssignees } from '../../../plugin/sdk/escalation-assignees.ts';
import { refusal } from './refusal.ts';

describe('escalation action bodies, checked like the reference host routes', () => {
  it('accepts a raise with a month and a known reason, detail optional', () => {
    expect(checkRaise({ krId: 'kr-1', month: '2026-05', reason: 'blocker' })).toEqual({
      krId: 'kr-1',
      month: '2026-05',
      reason: 'blocker',
      detail: '',
    });
    for (const bad of [
      {},
      { krId: 'kr-1', month: '2026-13', reason: 'red' },
      { krId: 'kr-1', month: '2026-05', reason: 'bored' },
      { krId: '', month: '2026-05', reason: 'red' },
      { krId: 'kr-1', month: '2026-05', reason: 'red', detail: 'x'.repeat(4001) },
      { krId: 'kr-1', month: '2026-05', reason: 'red', raisedById: 'someone-else' },
      { krId: 'kr-1', month: '2026-05', reason: 'red', assigneeId: 'person-x' },
    ]) {
      expect(
        refusal(() => checkRaise(bad)),
        JSON.stringify(bad),
      ).toEqual({ status: 400, code: 'invalid-body' });
    }
  });

  it('needs an assignee to assign and a resolution of 1..4000 characters to resolve', () => {
    expect(checkAssign({ id: 'e1', assigneeId: 'p1' })).toEqual({ id: 'e1', assigneeId: 'p1' });
    expect(refusal(() => checkAssign({ id: 'e1' }))?.status).toBe(400);
    expect(checkResolve({ id: 'e1', resolution: 'done' })).toEqual({ id: 'e1', resolution: 'done' });
    for (const bad of [
      { id: 'e1' },
      { id: 'e1', resolution: '' },
      { id: 'e1', resolution: 'x'.repeat(4001) },
      // The time is stamped by the server, never taken from the body.
      { id: 'e1', resolution: 'ok', resolvedAt: '2020-01-01T00:00:00Z' },
    ]) {
      expect(refusal(() => checkResolve(bad))).toEqual({ status: 400, code: 'invalid-body' });
    }
  });

  it('offers as assignees only the people the policy lets act on the KR: its manager, hr, admins', () => {
    const people = [
      { id: 'rep', name: 'Rep', role: 'sales', regionId: 'east' },
      { id: 'east-boss', name: 'East', role: 'manager', regionId: 'east' },
      { id: 'north-boss', name: 'North', role: 'manager', regionId: 'north' },
      { id: 'hr', name: 'HR', role: 'hr', regionId: null },
      { id: 'admin', name: 'Admin', role: 'admin', regionId: null },
      { id: 'strategy', name: 'Strategy', role: 'strategy', regionId: null },
    ] as const;
    const subject = { type: 'escalation', ownerPersonId: 'rep', regionId: 'east' } as const;
    expect(escalationAssignees(subject, people).map((p) => p.id)).toEqual(['east-boss', 'hr', 'admin']);
  });
});

describe('objective bodies', () => {
  it('creates with cycle, title and weight; updates given fields only', () => {
    expect(checkObjective({ cycleId: 'c1', title: '新能源', weight: 30, focusTags: ['ne'] })).toEqual({
      id: null,
      cycleId: 'c1',
      fields: { title: '新能源', weight: 30, focusTags: ['ne'] },
    });
    expect(checkObjective({ id: 'o1', weight: '40' })).toEqual({
      id: 'o1',
      cycleId: null,
      fields: { weight: 40 },
    });
  });

  it('refuses what the reference host refuses', () => {
    for (const bad of [
      { cycleId: 'c1', title: 'x' },
      { cycleId: 'c1', weight: 1 },
      { title: 'x', weight: 1 },
      { cycleId: 'c1', title: '', weight: 1 },
      { cycleId: 'c1', title: 'x', weight: 0 },
      { cycleId: 'c1', title: 'x', weight: 1001 },
      { cycleId: 'c1', title: 'x', weight: 1, focusTags: Array(21).fill('t') },
      { id: 'o1', cycleId: 'c2' },
      { id: 'o1', version: 3 },
    ]) {
      expect(
        refusal(() => checkObjective(bad)),
        JSON.stringify(bad),
      ).toEqual({
        status: 400,
        code: 'invalid-body',
      });
    }
    expect(refusal(() => checkObjective({ id: 'o1', custom: { budget: 1 } }))?.code).toBe(
      'custom-field-unknown',
    );
  });
});

describe('peer review bodies: the reviewer never comes from the body', () => {
  const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
  it('accepts a quarter, a reviewee and three whole scores 1..5', () => {
    expect(checkPeerReview({ quarter: '2026-Q2', revieweeId: 'p2', scores })).toEqual({
      quarter: '2026-Q2',
      revieweeId: 'p2',
      scores,
      comment: '',
    });
  });

  it('refuses a reviewer id, bad quarters and bad scores', () => {
    for (const bad of [
      { quarter: '2026-Q2', revieweeId: 'p2', scores, reviewerId: 'p9' },
      { quarter: '2026-Q5', revieweeId: 'p2', scores },
      { quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, collaboration: 6 } },
      { quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, collaboration: 2.5 } },
      { quarter: '2026-Q2', revieweeId: 'p2', scores: { collaboration: 4, crossRegionHelp: 3 } },
      { quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, charm: 5 } },
      { quarter: '2026-Q2', revieweeId: 'p2', scores, comment: 'x'.repeat(2001) },
    ]) {
      expect(
        refusal(() => checkPeerReview(bad)),
        JSON.stringify(bad),
      ).toEqual({
        status: 400,
        code: 'invalid-body',
      });
    }
  });

  it('answers reviews without their reviewer', () => {
    const review = { id: 'r', quarter: '2026-Q2', reviewerId: 'p1', revieweeId: 'p2', scores, comment: '' };
    expect(withoutReviewer(review)).not.toHaveProperty('reviewerId');
  });
});

describe('activity bodies', () => {
  const full = {
    personId: 'p1',
    month: '2026-05',
    dealsSigned: 2,
    dealsAmountCents: 1_000_00,
    highMarginAmountCents: 0,
    clientVisits: 9,
    proposalsSent: 3,
    proposalsWon: 1,
    collectionsCents: 50_00,
  };
  it('needs every measure as a whole number, like the reference host', () => {
    expect(checkActivity(full)).toEqual(full);
    for (const bad of [
      { ...full, dealsSigned: undefined },
      { ...full, clientVisits: -1 },
      { ...full, proposalsSent: 1.5 },
      { ...full, dealsSigned: 1_000_001 },
      { ...full, month: '2026-5' },
      { ...full, note: 'x' },
    ]) {
      expect(
        refusal(() => checkActivity(bad)),
        JSON.stringify(bad),
      ).toEqual({ status: 400, code: 'invalid-body' });
    }
  });
});

describe('form action registry', () => {
  it('lists every write, so each one schedules a rules run after commit', () => {
    for (const name of FORM_WRITES) expect(FORM_ACTIONS).toHaveProperty(name);
    const reads = Object.keys(FORM_ACTIONS).filter((n) => !(FORM_WRITES as readonly string[]).includes(n));
    expect(reads.sort()).toEqual(['escalationAssignees', 'myPeerReviews', 'peerReviewSummary']);
  });
});
