/**
 * The case study placed in the cycle that is running on `today`: the case's history moved by whole
 * months onto that half year and cut at the end of `today`, so a newcomer sees the case's story as
 * far as the cycle has come (alignment rising from the kickoff's 38 %, escalations answered faster,
 * a growing high-margin share) and nothing in the future. The fixed case (cycle 2026-H1) stays the
 * source and is what tests use; this is a pure function of it and `today`.
 */
import type {
  Activity,
  CheckIn,
  Escalation,
  IsoDate,
  KeyAccount,
  KeyResult,
  PeerReview,
  Snapshot,
} from '../../plugin/domain/types.ts';
import { caseStudySnapshot } from './case-study.ts';
import { type CaseStudyBaseline, caseStudyBaselines } from './case-study-baselines.ts';
import {
  type CalendarShift,
  calendarShift,
  cycleContaining,
  monthElapsed,
  quarterEnded,
  renameCalendarWords,
  sameDaysBefore,
} from './relative-calendar.ts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface RelativeDemo {
  snapshot: Snapshot;
  /** The case's "before" figures, filed under the moved cycle. */
  baselines: CaseStudyBaseline[];
}

/** A KR as it stood at the cut: links, rationale, confirmation and revisions made later are undone. */
function keyResultAt(kr: KeyResult, cal: CalendarShift, cycleId: string, words: (t: string) => string) {
  const links = kr.links
    .filter((l) => cal.happened(l.linkedAt))
    .map((l) => ({ ...l, linkedAt: cal.instant(l.linkedAt) }));
  const rationaleKept = kr.rationaleAt !== null && cal.happened(kr.rationaleAt);
  const confirmedKept = kr.confirmedAt !== null && cal.happened(kr.confirmedAt);
  const revisions = kr.targetHistory.filter((r) => cal.happened(r.at));
  const undone = kr.targetHistory.find((r) => !cal.happened(r.at));
  // Each undone write took one version: a link, the rationale, the confirmation, a revision.
  const undoneWrites =
    kr.links.length -
    links.length +
    (kr.rationaleAt !== null && !rationaleKept ? 1 : 0) +
    (kr.confirmedAt !== null && !confirmedKept ? 1 : 0) +
    (kr.targetHistory.length - revisions.length);
  return {
    ...kr,
    cycleId,
    focusTags: [...kr.focusTags],
    links,
    // The evidence is written with the rationale, so it goes with it.
    rationale: rationaleKept ? kr.rationale : '',
    rationaleAt: rationaleKept && kr.rationaleAt ? cal.instant(kr.rationaleAt) : null,
    evidence: rationaleKept ? words(kr.evidence) : '',
    confirmedAt: confirmedKept && kr.confirmedAt ? cal.instant(kr.confirmedAt) : null,
    target: undone ? undone.previousTarget : kr.target,
    targetHistory: revisions.map((r) => ({ ...r, at: cal.instant(r.at), reason: words(r.reason) })),
    // Proposed at the moved kickoff (pressed into the days so far while the kickoff month runs).
    createdAt: cal.instant(kr.createdAt),
    version: Math.max(1, kr.version - undoneWrites),
  } satisfies KeyResult;
}

function checkInsAt(checkIns: CheckIn[], cal: CalendarShift): CheckIn[] {
  return checkIns
    .filter((c) => cal.happened(c.submittedAt))
    .map((c) => {
      const month = cal.month(c.month);
      const id = c.id.endsWith(c.month) ? `${c.id.slice(0, -c.month.length)}${month}` : c.id;
      return {
        ...c,
        id,
        month,
        submittedAt: cal.instant(c.submittedAt),
        resourceRequest: c.resourceRequest ? { ...c.resourceRequest } : null,
      };
    });
}

/** Escalations raised by the cut; those resolved later are still open at the cut. */
function escalationsAt(escalations: Escalation[], cal: CalendarShift, words: (t: string) => string) {
  return escalations
    .filter((e) => cal.happened(e.raisedAt))
    .map((e): Escalation => {
      const resolvedAt = e.resolvedAt === null ? null : cal.after(e.raisedAt, e.resolvedAt);
      const resolved = resolvedAt !== null && Date.parse(resolvedAt) <= cal.cutMillis;
      return {
        ...e,
        month: cal.month(e.month),
        detail: words(e.detail),
        raisedAt: cal.instant(e.raisedAt),
        resolvedAt: resolved ? resolvedAt : null,
        resolution: resolved ? e.resolution : '',
      };
    });
}

/** Monthly figures up to the cut; the current month holds its share so far (month to date). */
function activitiesAt(activities: Activity[], cal: CalendarShift, today: IsoDate): Activity[] {
  return activities.flatMap((a) => {
    const month = cal.month(a.month);
    const share = monthElapsed(month, today);
    if (share === 0) return [];
    if (share === 1) return [{ ...a, month }];
    const part = (n: number): number => Math.round(n * share);
    const dealsSigned = part(a.dealsSigned);
    const signed = (cents: number): number => (dealsSigned === 0 ? 0 : part(cents));
    const proposalsSent = part(a.proposalsSent);
    return [
      {
        ...a,
        month,
        dealsSigned,
        dealsAmountCents: signed(a.dealsAmountCents),
        highMarginAmountCents: signed(a.highMarginAmountCents),
        clientVisits: part(a.clientVisits),
        proposalsSent,
        proposalsWon: Math.min(proposalsSent, part(a.proposalsWon)),
        collectionsCents: part(a.collectionsCents),
      },
    ];
  });
}

/** Contact gaps are the case's state at its end: the same number of days before today. */
function keyAccountsAt(accounts: KeyAccount[], caseEnd: IsoDate, today: IsoDate): KeyAccount[] {
  return accounts.map((k) => ({
    ...k,
    lastContactAt: k.lastContactAt === null ? null : sameDaysBefore(k.lastContactAt, caseEnd, today),
  }));
}

/** Peer reviews are written when a quarter ends: only the quarters ended by today. */
function peerReviewsAt(reviews: PeerReview[], cal: CalendarShift, today: IsoDate): PeerReview[] {
  const token = (quarter: string): string => quarter.replace('-', '').toLowerCase();
  return reviews.flatMap((r) => {
    const quarter = cal.quarter(r.quarter);
    if (!quarterEnded(quarter, today)) return [];
    return [
      {
        ...r,
        id: r.id.replace(token(r.quarter), token(quarter)),
        quarter,
        scores: { ...r.scores },
      },
    ];
  });
}

/**
 * The case study as it would stand on `today` (`YYYY-MM-DD`, UTC) in the half year that contains it.
 * @param source the fixed case (default: the generated case study); its cycle must be a half year
 */
export function relativeDemo(today: IsoDate, source: Snapshot = caseStudySnapshot()): RelativeDemo {
  if (!ISO_DATE.test(today) || Number.isNaN(Date.parse(today))) {
    throw new Error(`relative demo: "${today}" is not a date; give today as YYYY-MM-DD`);
  }
  const cycle = cycleContaining(today);
  const cal = calendarShift(source.cycle, cycle, today);
  const caseYear = Number(source.cycle.start.slice(0, 4));
  const words = (text: string): string =>
    renameCalendarWords(text, cal.shift, caseYear, Number(cycle.start.slice(0, 4)));
  const snapshot: Snapshot = {
    cycle,
    regions: source.regions.map((r) => ({ ...r })),
    people: source.people.map((p) => ({ ...p })),
    objectives: source.objectives.map((o) => ({ ...o, cycleId: cycle.id, focusTags: [...o.focusTags] })),
    keyResults: source.keyResults.map((kr) => keyResultAt(kr, cal, cycle.id, words)),
    checkIns: checkInsAt(source.checkIns, cal),
    escalations: escalationsAt(source.escalations, cal, words),
    activities: activitiesAt(source.activities, cal, today),
    keyAccounts: keyAccountsAt(source.keyAccounts, source.cycle.end, today),
    peerReviews: peerReviewsAt(source.peerReviews, cal, today),
  };
  const baselines = caseStudyBaselines
    .filter((b) => b.cycleId === source.cycle.id)
    .map((b) => ({ ...b, cycleId: cycle.id }));
  return { snapshot, baselines };
}
