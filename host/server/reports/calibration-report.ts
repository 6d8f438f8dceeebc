import {
  alignmentRate,
  averageResponseDays,
  type Colour,
  HEALTH_DIMENSIONS,
  type Health,
  highMarginShare,
  type Id,
  isOverdue,
  type MonthColour,
  owesCheckIn,
  responseDays,
  type Settings,
  type Snapshot,
  teamHealth,
} from '../../../plugin/domain/index.ts';
import { regionOfKr } from '../services/recipients.ts';
import type { CustomAlertRow } from './custom-alerts.ts';

/** `hq` or a region id. */
export type ReportScope = string;
export const HQ = 'hq';

export interface SummaryRow {
  scope: ReportScope;
  krs: number;
  green: number;
  amber: number;
  red: number;
  pending: number;
  /** 0..100. */
  alignmentRate: number;
  /** 0..100; null without deals in the month. */
  highMarginShare: number | null;
  escalations: number;
  resolved: number;
  overdue: number;
  averageResponseDays: number | null;
}

export interface ColourRow {
  regionId: Id | null;
  owner: string;
  krId: Id;
  kr: string;
  colour: Colour | 'pending';
  pacePercent: number | null;
  missing: boolean;
}

export interface EscalationRow {
  regionId: Id | null;
  kr: string;
  raisedBy: string;
  assignee: string;
  reason: string;
  raisedAt: string;
  resolvedAt: string | null;
  responseDays: number | null;
  overdue: boolean;
}

export interface RadarRow {
  scope: ReportScope;
  values: Health | null;
}

/** What the monthly calibration report says, for each region and HQ; stored as generated. */
export interface CalibrationReport {
  month: string;
  at: string;
  generatedAt: string;
  settingsVersion: number;
  cycleId: Id;
  regions: { id: Id; name: string }[];
  summary: SummaryRow[];
  colours: ColourRow[];
  escalations: EscalationRow[];
  radar: RadarRow[];
  /** Events of the published custom rules; absent when none was published (and in older reports). */
  customAlerts?: CustomAlertRow[];
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Builds the report of `month` as of `at` from the engine's month colours and the domain's metrics;
 * a KR without a colour for the month (check-in not in and not yet due) counts as pending.
 */
export function buildCalibrationReport(input: {
  snapshot: Snapshot;
  settings: Settings;
  settingsVersion: number;
  colours: MonthColour[];
  customAlerts?: CustomAlertRow[];
  month: string;
  at: string;
  generatedAt: string;
}): CalibrationReport {
  const { snapshot, settings, month, at } = input;
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const regionName = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  const colourOf = new Map(input.colours.filter((c) => c.month === month).map((c) => [c.krId, c]));
  const krById = new Map(snapshot.keyResults.map((k) => [k.id, k]));

  // A KR created after `month` was not there: no row, rather than "pending".
  const colours: ColourRow[] = snapshot.keyResults
    .filter((kr) => owesCheckIn(kr, month))
    .map((kr) => {
      const mc = colourOf.get(kr.id);
      return {
        regionId: regionOfKr(snapshot, kr),
        owner:
          kr.ownerType === 'person'
            ? (people.get(kr.ownerId)?.name ?? kr.ownerId)
            : (regionName.get(kr.ownerId) ?? kr.ownerId),
        krId: kr.id,
        kr: kr.title,
        colour: mc?.colour ?? 'pending',
        pacePercent: mc?.pacePercent == null ? null : round(mc.pacePercent),
        missing: mc?.missing ?? false,
      };
    });

  const monthEscalations = snapshot.escalations.filter((e) => e.month === month);
  const escalationRegion = (krId: Id) => {
    const kr = krById.get(krId);
    return kr ? regionOfKr(snapshot, kr) : null;
  };
  const escalations: EscalationRow[] = monthEscalations.map((e) => {
    const days = responseDays(e);
    return {
      regionId: escalationRegion(e.krId),
      kr: krById.get(e.krId)?.title ?? e.krId,
      raisedBy: people.get(e.raisedById)?.name ?? e.raisedById,
      assignee: e.assigneeId ? (people.get(e.assigneeId)?.name ?? e.assigneeId) : '',
      reason: e.reason,
      raisedAt: e.raisedAt,
      resolvedAt: e.resolvedAt,
      responseDays: days === null ? null : round(days),
      overdue: isOverdue(e, settings, at),
    };
  });

  const inScope = (scope: ReportScope) => (regionId: Id | null) => scope === HQ || regionId === scope;
  const scopes: ReportScope[] = [...snapshot.regions.map((r) => r.id), HQ];

  const summary = scopes.map((scope): SummaryRow => {
    const match = inScope(scope);
    const rows = colours.filter((c) => match(c.regionId));
    const krs = snapshot.keyResults.filter((kr) => match(regionOfKr(snapshot, kr)));
    const peopleIds = new Set(snapshot.people.filter((p) => match(p.regionId)).map((p) => p.id));
    const share = highMarginShare(
      snapshot.activities.filter((a) => a.month === month && peopleIds.has(a.personId)),
    );
    const es = monthEscalations.filter((e) => match(escalationRegion(e.krId)));
    const average = averageResponseDays(es);
    return {
      scope,
      krs: rows.length,
      green: rows.filter((r) => r.colour === 'green').length,
      amber: rows.filter((r) => r.colour === 'amber').length,
      red: rows.filter((r) => r.colour === 'red').length,
      pending: rows.filter((r) => r.colour === 'pending').length,
      alignmentRate: round(alignmentRate(krs, snapshot.objectives, settings, at).rate * 100),
      highMarginShare: share === null ? null : round(share * 100),
      escalations: es.length,
      resolved: es.filter((e) => e.resolvedAt !== null).length,
      overdue: es.filter((e) => isOverdue(e, settings, at)).length,
      averageResponseDays: average === null ? null : round(average),
    };
  });

  const radar = scopes.map((scope): RadarRow => {
    const match = inScope(scope);
    const sales = snapshot.people.filter((p) => p.role === 'sales' && match(p.regionId)).map((p) => p.id);
    const health = teamHealth(sales, snapshot, settings, month);
    return {
      scope,
      values: health && (Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [d, round(health[d])])) as Health),
    };
  });

  return {
    month,
    at,
    generatedAt: input.generatedAt,
    settingsVersion: input.settingsVersion,
    cycleId: snapshot.cycle.id,
    regions: snapshot.regions.map((r) => ({ id: r.id, name: r.name })),
    summary,
    colours,
    escalations,
    radar,
    ...(input.customAlerts ? { customAlerts: input.customAlerts } : {}),
  };
}

/** The part of a report one scope reads: HQ everything, a region its own rows. */
export function reportForScope(report: CalibrationReport, scope: ReportScope): CalibrationReport {
  if (scope === HQ) return report;
  return {
    ...report,
    regions: report.regions.filter((r) => r.id === scope),
    summary: report.summary.filter((s) => s.scope === scope),
    colours: report.colours.filter((c) => c.regionId === scope),
    escalations: report.escalations.filter((e) => e.regionId === scope),
    radar: report.radar.filter((r) => r.scope === scope),
    ...(report.customAlerts ? { customAlerts: report.customAlerts.filter((a) => a.regionId === scope) } : {}),
  };
}
