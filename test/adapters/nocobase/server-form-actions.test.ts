import { CATALOGUE } from '../../../plugin/app/catalogue.ts';
import { saveActivity } from '../../../plugin/app/commands/activities.ts';
import {
  assignEscalation,
  raiseEscalation,
  resolveEscalation,
} from '../../../plugin/app/commands/escalations.ts';
import { createObjective, updateObjective } from '../../../plugin/app/commands/objectives.ts';
import { submitPeerReview, withoutReviewer } from '../../../plugin/app/commands/peer-reviews.ts';
import { AppError } from '../../../plugin/app/errors.ts';
import { checkInput } from '../../../plugin/app/input.ts';
import { escalationAssignees } from '../../../plugin/sdk/escalation-assignees.ts';

/** The field the pack command's input check names, or null when the input passes. */
function refusedField(
  command: { input: Record<string, unknown>; name: string },
  input: unknown,
): string | null {
  try {
    checkInput(command.input, input, command.name);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return String(error.params.field);
  }
}

describe('escalation bodies (the pack command input, the same on every host)', () => {
  it('accepts a raise with a month and a known reason, detail optional', () => {
    expect(refusedField(raiseEscalation, { krId: 'kr-1', month: '2026-05', reason: 'blocker' })).toBeNull();
    for (const [bad, field] of [
      [{}, 'krId'],
      [{ krId: 'kr-1', month: '2026-13', reason: 'red' }, 'month'],
      [{ krId: 'kr-1', month: '2026-05', reason: 'bored' }, 'reason'],
      [{ krId: '', month: '2026-05', reason: 'red' }, 'krId'],
      [{ krId: 'kr-1', month: '2026-05', reason: 'red', detail: 'x'.repeat(4001) }, 'detail'],
      [{ krId: 'kr-1', month: '2026-05', reason: 'red', raisedById: 'someone-else' }, 'raisedById'],
      [{ krId: 'kr-1', month: '2026-05', reason: 'red', assigneeId: 'person-x' }, 'assigneeId'],
    ] as const) {
      expect(refusedField(raiseEscalation, bad), JSON.stringify(bad)).toBe(field);
    }
  });

  it('needs an assignee to assign and a resolution of 1..4000 characters to resolve', () => {
    expect(refusedField(assignEscalation, { id: 'e1', assigneeId: 'p1' })).toBeNull();
    expect(refusedField(assignEscalation, { id: 'e1' })).toBe('assigneeId');
    expect(refusedField(resolveEscalation, { id: 'e1', resolution: 'done', version: 2 })).toBeNull();
    for (const [bad, field] of [
      [{ id: 'e1' }, 'resolution'],
      [{ id: 'e1', resolution: '' }, 'resolution'],
      [{ id: 'e1', resolution: 'x'.repeat(4001) }, 'resolution'],
      // The time is stamped by the server, never taken from the body.
      [{ id: 'e1', resolution: 'ok', resolvedAt: '2020-01-01T00:00:00Z' }, 'resolvedAt'],
    ] as const) {
      expect(refusedField(resolveEscalation, bad)).toBe(field);
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

describe('objective bodies (the pack command input, the same on every host)', () => {
  const check = (
    input: unknown,
    command: { input: Record<string, unknown>; name: string } = createObjective,
  ) => checkInput(command.input, input, command.name);

  it('creates with cycle, title and weight; updates given fields on the version read', () => {
    const create = { cycleId: 'c1', title: '新能源', weight: 30, focusTags: ['ne'] };
    expect(check(create)).toEqual(create);
    expect(check({ id: 'o1', version: 2, weight: 40 }, updateObjective)).toEqual({
      id: 'o1',
      version: 2,
      weight: 40,
    });
  });

  it('refuses what the reference host refuses, naming the field', () => {
    for (const [bad, field] of [
      [{ cycleId: 'c1', title: 'x' }, 'weight'],
      [{ cycleId: 'c1', weight: 1 }, 'title'],
      [{ title: 'x', weight: 1 }, 'cycleId'],
      [{ cycleId: 'c1', title: '', weight: 1 }, 'title'],
      [{ cycleId: 'c1', title: 'x', weight: 0 }, 'weight'],
      [{ cycleId: 'c1', title: 'x', weight: 1001 }, 'weight'],
      [{ cycleId: 'c1', title: 'x', weight: '30' }, 'weight'],
      [{ cycleId: 'c1', title: 'x', weight: 1, focusTags: Array(21).fill('t') }, 'focusTags'],
    ] as const) {
      const refused = refusalOf(() => check(bad));
      expect([refused?.code, refused?.params.field], JSON.stringify(bad)).toEqual(['invalid-request', field]);
    }
    expect(
      refusalOf(() => check({ id: 'o1', cycleId: 'c2', version: 1 }, updateObjective))?.params.field,
    ).toBe('cycleId');
    expect(refusalOf(() => check({ id: 'o1', title: 'x' }, updateObjective))?.params.field).toBe('version');
  });
});

function refusalOf(fn: () => unknown): AppError | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('peer review bodies: the reviewer never comes from the body', () => {
  const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
  it('accepts a quarter, a reviewee and three whole scores 1..5', () => {
    expect(refusedField(submitPeerReview, { quarter: '2026-Q2', revieweeId: 'p2', scores })).toBeNull();
  });

  it('refuses a reviewer id, bad quarters and bad scores', () => {
    for (const [bad, field] of [
      [{ quarter: '2026-Q2', revieweeId: 'p2', scores, reviewerId: 'p9' }, 'reviewerId'],
      [{ quarter: '2026-Q5', revieweeId: 'p2', scores }, 'quarter'],
      [
        { quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, collaboration: 6 } },
        'scores.collaboration',
      ],
      [
        { quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, collaboration: 2.5 } },
        'scores.collaboration',
      ],
      [
        { quarter: '2026-Q2', revieweeId: 'p2', scores: { collaboration: 4, crossRegionHelp: 3 } },
        'scores.knowledgeSharing',
      ],
      [{ quarter: '2026-Q2', revieweeId: 'p2', scores: { ...scores, charm: 5 } }, 'scores.charm'],
      [{ quarter: '2026-Q2', revieweeId: 'p2', scores, comment: 'x'.repeat(2001) }, 'comment'],
    ] as const) {
      expect(refusedField(submitPeerReview, bad), JSON.stringify(bad)).toBe(field);
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
  it('needs every measure as a whole number of 0 or more, like the reference host', () => {
    expect(refusedField(saveActivity, full)).toBeNull();
    for (const [bad, field] of [
      [{ ...full, dealsSigned: undefined }, 'dealsSigned'],
      [{ ...full, clientVisits: -1 }, 'clientVisits'],
      [{ ...full, proposalsSent: 1.5 }, 'proposalsSent'],
      [{ ...full, dealsSigned: 1_000_001 }, 'dealsSigned'],
      [{ ...full, collectionsCents: -5 }, 'collectionsCents'],
      [{ ...full, month: '2026-5' }, 'month'],
      [{ ...full, note: 'x' }, 'note'],
    ] as const) {
      expect(refusedField(saveActivity, bad), JSON.stringify(bad)).toBe(field);
    }
  });
});

describe('action registry', () => {
  it('runs check-ins, escalations, peer reviews, activities, key accounts and the reads as pack commands', () => {
    const names = Object.fromEntries(Object.entries(CATALOGUE).map(([action, c]) => [action, c.name]));
    expect(names).toMatchObject({
      saveCheckIn: 'checkIn.save',
      raiseEscalation: 'escalation.raise',
      commentOnEscalation: 'escalation.comment',
      resolveEscalation: 'escalation.resolve',
      submitPeerReview: 'peerReview.submit',
      peerReviewSummary: 'peerReview.summary',
      saveActivity: 'activity.save',
      touchKeyAccount: 'keyAccount.touch',
      objectives: 'objective.list',
      poolRuns: 'poolRun.list',
      formOverlay: 'formOverlay.get',
    });
  });
});
