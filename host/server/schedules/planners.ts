import {
  checkInDueDate,
  type Id,
  isOverdue,
  owesCheckIn,
  type Person,
  type Settings,
  type Snapshot,
} from '../../../plugin/domain/index.ts';
import type { MessageInput } from '../../../plugin/notify/messages.ts';
import type { PlannedDelivery } from '../notify/deliveries.ts';
import type { WebhookConfig } from '../notify/webhook-store.ts';
import { HQ } from '../reports/calibration-report.ts';
import { reportLinks } from '../reports/report-store.ts';
import type { Evaluation } from '../services/engine.ts';
import { recipientsOf, regionOfKr } from '../services/recipients.ts';
import type { Occurrence } from './occurrences.ts';
import type { ScheduleDocument } from './schedule-document.ts';

/** What a planner may read; everything is loaded before planning so planners stay pure. */
export interface PlanInput {
  occurrence: Occurrence;
  doc: ScheduleDocument;
  settings: Settings;
  /** Snapshot of the cycle the occurrence is about; null when there is none. */
  snapshot: Snapshot | null;
  /** Engine evaluation of `snapshot` as of the occurrence's local date (daily alerts only). */
  evaluation: Evaluation | null;
  /** Enabled robots; `regionId` null are HQ's. */
  webhooks: WebhookConfig[];
  now: Date;
}

/** A param naming a locale key: the channel puts it into words in its own language. */
const HQ_WORD = '@scope.hq';

const link = (doc: ScheduleDocument, path: string) => `${doc.links.baseUrl}${path}`;

function inApp(o: Occurrence, personId: Id, message: MessageInput): PlannedDelivery {
  return {
    scheduleId: o.scheduleId,
    occurrence: o.occurrence,
    recipient: `person:${personId}`,
    channel: 'in-app',
    webhookId: null,
    message,
  };
}

function toWebhook(o: Occurrence, w: WebhookConfig, message: MessageInput): PlannedDelivery {
  return {
    scheduleId: o.scheduleId,
    occurrence: o.occurrence,
    recipient: `webhook:${w.id}`,
    channel: 'webhook',
    webhookId: w.id,
    message,
  };
}

const regionName = (s: Snapshot, id: Id | null) =>
  id === null ? '' : (s.regions.find((r) => r.id === id)?.name ?? id);

/**
 * Reps (role sales) with a personal KR of the cycle that owes a check-in for `month` (created in it
 * or before) and has none, with how many.
 */
function repsMissing(snapshot: Snapshot, month: string): { rep: Person; count: number }[] {
  const checkedIn = new Set(snapshot.checkIns.filter((c) => c.month === month).map((c) => c.krId));
  const out: { rep: Person; count: number }[] = [];
  for (const rep of snapshot.people.filter((p) => p.role === 'sales')) {
    const count = snapshot.keyResults.filter(
      (kr) =>
        kr.ownerType === 'person' && kr.ownerId === rep.id && owesCheckIn(kr, month) && !checkedIn.has(kr.id),
    ).length;
    if (count > 0) out.push({ rep, count });
  }
  return out;
}

function calibration(input: PlanInput, followUp: boolean): PlannedDelivery[] {
  const { occurrence: o, snapshot, settings } = input;
  if (!snapshot) return [];
  const month = o.about;
  const dueDate = checkInDueDate(month, settings);
  const missing = repsMissing(snapshot, month);
  const out: PlannedDelivery[] = [];
  const kind = `schedule.${o.scheduleId}`;
  if (!followUp) {
    for (const { rep, count } of missing)
      out.push(inApp(o, rep.id, { kind, params: { month, count, dueDate } }));
  } else {
    const byManager = new Map<Id, string[]>();
    for (const { rep } of missing) {
      const manager =
        rep.managerId ?? snapshot.people.find((p) => p.role === 'manager' && p.regionId === rep.regionId)?.id;
      if (!manager) continue;
      byManager.set(manager, [...(byManager.get(manager) ?? []), rep.name]);
    }
    for (const [manager, names] of byManager)
      out.push(inApp(o, manager, { kind, params: { month, count: names.length, names, dueDate } }));
  }
  for (const w of input.webhooks.filter((w) => w.regionId !== null)) {
    const names = missing.filter((m) => m.rep.regionId === w.regionId).map((m) => m.rep.name);
    if (names.length === 0) continue;
    out.push(
      toWebhook(o, w, {
        kind: `${kind}.group`,
        params: { region: regionName(snapshot, w.regionId), month, names, dueDate },
      }),
    );
  }
  return out;
}

interface AlertCounts {
  keyClientGaps: number;
  staleKrs: number;
  overdueEscalations: number;
}

function dailyAlerts(input: PlanInput): PlannedDelivery[] {
  const { occurrence: o, snapshot, evaluation, doc, settings } = input;
  if (!snapshot || !evaluation) return [];
  const perPerson = new Map<Id, AlertCounts>();
  const perRegion = new Map<Id | null, AlertCounts>();
  const zero = (): AlertCounts => ({ keyClientGaps: 0, staleKrs: 0, overdueEscalations: 0 });
  const bump = <K>(map: Map<K, AlertCounts>, key: K, field: keyof AlertCounts) => {
    const c = map.get(key) ?? zero();
    c[field] += 1;
    map.set(key, c);
  };
  // Each alert counts for the people it concerns, its region's robots and HQ's robots.
  const count = (people: Id[], regionId: Id | null, field: keyof AlertCounts) => {
    for (const id of people) bump(perPerson, id, field);
    if (regionId !== null) bump(perRegion, regionId, field);
    bump(perRegion, null, field);
  };
  const personRegion = (id: Id) => snapshot.people.find((p) => p.id === id)?.regionId ?? null;
  for (const e of evaluation.events) {
    if (e.type === 'key-client-gap' && doc.dailyAlerts.keyClientGap && e.subject.accountId) {
      const owner = snapshot.keyAccounts.find((a) => a.id === e.subject.accountId)?.ownerId;
      count(recipientsOf(snapshot, e.subject), owner ? personRegion(owner) : null, 'keyClientGaps');
    }
    if (e.type === 'kr-stale' && doc.dailyAlerts.staleKrs && e.subject.krId) {
      const kr = snapshot.keyResults.find((k) => k.id === e.subject.krId);
      count(recipientsOf(snapshot, e.subject), kr ? regionOfKr(snapshot, kr) : null, 'staleKrs');
    }
  }
  if (doc.dailyAlerts.overdueEscalations) {
    for (const esc of snapshot.escalations.filter((e) => isOverdue(e, settings, input.now.toISOString()))) {
      const kr = snapshot.keyResults.find((k) => k.id === esc.krId);
      const regionId = kr ? regionOfKr(snapshot, kr) : null;
      const responsible =
        esc.assigneeId ?? snapshot.people.find((p) => p.id === esc.raisedById)?.managerId ?? null;
      count(responsible ? [responsible] : [], regionId, 'overdueEscalations');
    }
  }
  const out: PlannedDelivery[] = [];
  const date = o.about;
  for (const [personId, c] of perPerson)
    out.push(inApp(o, personId, { kind: 'schedule.daily-alerts', params: { date, ...c } }));
  for (const w of input.webhooks) {
    const c = perRegion.get(w.regionId);
    if (!c) continue;
    const region = w.regionId === null ? HQ_WORD : regionName(snapshot, w.regionId);
    out.push(toWebhook(o, w, { kind: 'schedule.daily-alerts.group', params: { region, date, ...c } }));
  }
  return out;
}

/** Close date of a quarter's window as a full date. */
export function closesOnDate(doc: ScheduleDocument, quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const w = doc.peerReview.windows[`q${quarter.slice(-1)}` as 'q1'];
  return `${w.closesOn < w.opensOn ? year + 1 : year}-${w.closesOn}`;
}

function broadcast(input: PlanInput, roles: Person['role'][], message: MessageInput): PlannedDelivery[] {
  const o = input.occurrence;
  const people = input.snapshot?.people ?? [];
  return [
    ...people.filter((p) => roles.includes(p.role)).map((p) => inApp(o, p.id, message)),
    ...input.webhooks.map((w) => toWebhook(o, w, message)),
  ];
}

function monthlyReport(input: PlanInput): PlannedDelivery[] {
  const { occurrence: o, snapshot, doc } = input;
  if (!snapshot) return [];
  const month = o.about;
  const kind = 'schedule.monthly-report';
  const hqLink = link(doc, reportLinks(month, HQ).page);
  const out: PlannedDelivery[] = [];
  for (const p of snapshot.people) {
    if (p.role === 'hr' || p.role === 'strategy' || p.role === 'admin') {
      out.push(inApp(o, p.id, { kind, params: { month, scope: HQ_WORD }, link: hqLink }));
    } else if (p.role === 'manager' && p.regionId) {
      const regionLink = link(doc, reportLinks(month, p.regionId).page);
      out.push(
        inApp(o, p.id, {
          kind,
          params: { month, scope: regionName(snapshot, p.regionId) },
          link: regionLink,
        }),
      );
    }
  }
  for (const w of input.webhooks) {
    const scope = w.regionId ?? HQ;
    out.push(
      toWebhook(o, w, {
        kind,
        params: { month, scope: w.regionId ? regionName(snapshot, w.regionId) : HQ_WORD },
        link: link(doc, reportLinks(month, scope).page),
      }),
    );
  }
  return out;
}

/** The deliveries one occurrence makes: who gets what over which channel. */
export function planDeliveries(input: PlanInput): PlannedDelivery[] {
  const o = input.occurrence;
  switch (o.scheduleId) {
    case 'calibration-reminder':
      return calibration(input, false);
    case 'calibration-follow-up':
      return calibration(input, true);
    case 'daily-alerts':
      return dailyAlerts(input);
    case 'peer-review-open':
      return broadcast(input, ['sales', 'manager'], {
        kind: 'schedule.peer-review-open',
        params: { quarter: o.about, closesOn: closesOnDate(input.doc, o.about) },
      });
    case 'peer-review-close':
      return broadcast(input, ['sales', 'manager'], {
        kind: 'schedule.peer-review-close',
        params: { quarter: o.about },
      });
    case 'kickoff':
      return broadcast(input, ['strategy', 'hr', 'manager', 'sales'], {
        kind: 'schedule.kickoff',
        params: { kickoffDate: o.about, daysBefore: o.daysBefore ?? 0 },
      });
    case 'monthly-report':
      return monthlyReport(input);
  }
}
