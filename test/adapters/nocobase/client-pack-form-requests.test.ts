import {
  activityBody,
  asRefusal,
  escalationsInOrder,
  objectiveRequest,
  PACK_FORM_ACTIONS,
  peerReviewBody,
  resolutionRequests,
} from '../../../adapters/nocobase/client/pack-form-requests.ts';
import type { Escalation } from '../../../plugin/domain/types.ts';

const escalation = (id: string, raisedAt: string, resolvedAt: string | null): Escalation => ({
  id,
  krId: 'kr-1',
  raisedById: 'p-rep',
  assigneeId: 'p-boss',
  month: '2026-05',
  reason: 'blocker',
  detail: '',
  raisedAt,
  resolvedAt,
  resolution: resolvedAt ? 'done' : '',
});

describe('requests of the escalation, objective and peer-review blocks', () => {
  it('lists open escalations first, newest first', () => {
    const list = [
      escalation('old-open', '2026-01-01T00:00:00Z', null),
      escalation('new-closed', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z'),
      escalation('new-open', '2026-04-01T00:00:00Z', null),
    ];
    expect(escalationsInOrder(list).map((e) => e.id)).toEqual(['new-open', 'old-open', 'new-closed']);
  });

  it('assigns first only when the form names another assignee, then resolves without a time', () => {
    const before = escalation('e1', '2026-05-01T00:00:00Z', null);
    const record = {
      id: 'e1',
      assigneeId: 'p-hr',
      resolution: '派人支持',
      resolvedAt: '2026-05-03T00:00:00Z',
    };
    expect(resolutionRequests(record, before)).toEqual([
      { url: PACK_FORM_ACTIONS.assignEscalation, data: { id: 'e1', assigneeId: 'p-hr' } },
      { url: PACK_FORM_ACTIONS.resolveEscalation, data: { id: 'e1', resolution: '派人支持' } },
    ]);
    expect(resolutionRequests({ ...record, assigneeId: 'p-boss' }, before)).toHaveLength(1);
    expect(resolutionRequests({ ...record, assigneeId: null }, before)).toHaveLength(1);
  });

  it('creates an objective in its cycle and changes one on the version read, without moving it', () => {
    const record = { cycleId: 'c1', title: 'T', ownerId: 'p-s', focusTags: ['a'], weight: 10 };
    expect(objectiveRequest(record, null)).toEqual({ url: PACK_FORM_ACTIONS.createObjective, data: record });
    const before = { id: 'o1', version: 4, ...record };
    expect(objectiveRequest({ ...record, cycleId: 'c2', weight: 20 }, before)).toEqual({
      url: PACK_FORM_ACTIONS.updateObjective,
      data: { id: 'o1', version: 4, title: 'T', ownerId: 'p-s', focusTags: ['a'], weight: 20 },
    });
  });

  it('never sends the reviewer of a peer review', () => {
    const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
    const body = peerReviewBody({
      quarter: '2026-Q2',
      reviewerId: 'p-me',
      revieweeId: 'p-you',
      scores,
      comment: '',
    });
    expect(body).toEqual({ quarter: '2026-Q2', revieweeId: 'p-you', scores });
    expect(JSON.stringify(body)).not.toContain('p-me');
  });
});

describe('conflicts the user cannot fix by reloading', () => {
  const conflict = (code: string) => ({
    response: { status: 409, data: { errors: [{ code, message: 'm' }] } },
  });
  it('shows already reviewed / resolved as refused input, a stale version still as stale', () => {
    expect(
      (asRefusal(conflict('already-reviewed')) as { response: { status: number } }).response.status,
    ).toBe(400);
    expect((asRefusal(conflict('resolved')) as { response: { status: number } }).response.status).toBe(400);
    expect((asRefusal(conflict('stale-version')) as { response: { status: number } }).response.status).toBe(
      409,
    );
  });
});

describe('activity body', () => {
  it('sends the person, month and every measure in cents, nothing else', () => {
    const activity = {
      personId: 'p1',
      month: '2026-05',
      dealsSigned: 1,
      dealsAmountCents: 100,
      highMarginAmountCents: 50,
      clientVisits: 3,
      proposalsSent: 2,
      proposalsWon: 1,
      collectionsCents: 70,
    };
    expect(activityBody({ ...activity, custom: {} } as typeof activity)).toEqual(activity);
  });
});
