import { cycle } from './case-study-calendar.ts';

/**
 * The case's "before" figures (DESIGN.md case study), measured before the company used OKR Align:
 * alignment rate 38 %, escalation response 11 days, high-margin share 41 %. The demo seed stores
 * them as the dashboard's baseline of the demo cycle; hr may edit them afterwards.
 */
export const caseStudyBaselines = [
  {
    cycleId: cycle.id,
    alignmentRate: 0.38,
    averageResponseDays: 11,
    highMarginShare: 0.41,
    source: 'demo:case-study',
  },
];

/** One cycle's "before" figures as the demo seed stores them. */
export type CaseStudyBaseline = (typeof caseStudyBaselines)[number];
