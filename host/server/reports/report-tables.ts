import { HEALTH_DIMENSIONS } from '../../../plugin/domain/index.ts';
import type { Lang } from '../../../plugin/notify/messages.ts';
import { type CalibrationReport, HQ } from './calibration-report.ts';
import { reportWord } from './report-words.ts';

export type Cell = string | number | null;

/** One part of the report as a table: column word keys and rows of cells (numbers stay numbers). */
export interface ReportTable {
  key: 'summary' | 'colours' | 'escalations' | 'radar' | 'customAlerts';
  columns: string[];
  /** Columns holding numbers, for alignment and number formats. */
  numeric: string[];
  rows: Cell[][];
}

/** The parts of a report (the custom rules' alerts when custom rules ran), with words in `lang` for text cells. */
export function reportTables(report: CalibrationReport, lang: Lang): ReportTable[] {
  const w = (key: string) => reportWord(lang, key);
  const regionName = (id: string | null) =>
    id === HQ ? w('scope.hq') : (report.regions.find((r) => r.id === id)?.name ?? id ?? '');
  const yesNo = (b: boolean) => w(b ? 'yes' : 'no');

  const summaryCols = [
    'krs',
    'green',
    'amber',
    'red',
    'pending',
    'alignmentRate',
    'highMarginShare',
    'escalations',
    'resolved',
    'overdue',
    'averageResponseDays',
  ];
  return [
    {
      key: 'summary',
      columns: ['region', ...summaryCols],
      numeric: summaryCols,
      rows: report.summary.map((s) => [
        regionName(s.scope),
        s.krs,
        s.green,
        s.amber,
        s.red,
        s.pending,
        s.alignmentRate,
        s.highMarginShare,
        s.escalations,
        s.resolved,
        s.overdue,
        s.averageResponseDays,
      ]),
    },
    {
      key: 'colours',
      columns: ['region', 'owner', 'kr', 'colour', 'pacePercent', 'missing'],
      numeric: ['pacePercent'],
      rows: report.colours.map((c) => [
        regionName(c.regionId),
        c.owner,
        c.kr,
        w(`colour.${c.colour}`),
        c.pacePercent,
        yesNo(c.missing),
      ]),
    },
    {
      key: 'escalations',
      columns: [
        'region',
        'kr',
        'raisedBy',
        'assignee',
        'reason',
        'raisedAt',
        'resolvedAt',
        'responseDays',
        'overdue',
      ],
      numeric: ['responseDays'],
      rows: report.escalations.map((e) => [
        regionName(e.regionId),
        e.kr,
        e.raisedBy,
        e.assignee,
        w(`reason.${e.reason}`),
        e.raisedAt,
        e.resolvedAt,
        e.responseDays,
        yesNo(e.overdue),
      ]),
    },
    {
      key: 'radar',
      columns: ['region', ...HEALTH_DIMENSIONS],
      numeric: [...HEALTH_DIMENSIONS],
      rows: report.radar.map((r) => [
        regionName(r.scope),
        ...HEALTH_DIMENSIONS.map((d) => r.values?.[d] ?? null),
      ]),
    },
    ...(report.customAlerts
      ? [
          {
            key: 'customAlerts' as const,
            columns: ['region', 'rule', 'owner', 'about', 'month'],
            numeric: [],
            rows: report.customAlerts.map((a) => [
              regionName(a.regionId),
              a.rule[lang],
              a.person,
              a.about,
              a.month,
            ]),
          },
        ]
      : []),
  ];
}
