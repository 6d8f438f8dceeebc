/**
 * The case study of DESIGN.md as one deterministic snapshot: an industrial-equipment service company,
 * 6 regions, 15 sales reps, cycle 2026-H1. Shaped so the case's results show in the metrics:
 * alignment rate about 38 % → 89 %, escalation response about 11 → 2.3 days, high-margin share
 * 41 % → 67 %, a wide spread of completion early that narrows by June.
 */
import type { KeyResult, Snapshot } from '../../plugin/domain/types.ts';
import { generateActivities, generateKeyAccounts, generatePeerReviews } from './case-study-activity.ts';
import { cycle, stamp } from './case-study-calendar.ts';
import { generateCheckIns } from './case-study-check-ins.ts';
import { type PlannedKr, planPersonKrs, planRegionKrs } from './case-study-key-results.ts';
import { objectives } from './case-study-objectives.ts';
import { people, regions } from './case-study-people.ts';

export type { DemoAccount } from './case-study-people.ts';
export { DEMO_PASSWORD, demoAccounts } from './case-study-people.ts';

/** Targets revised at the April calibration; the old value, when and why are kept. */
function reviseTargets(planned: PlannedKr[]): void {
  const revise = (krId: string, factor: number, at: string, reason: string): void => {
    const kr: KeyResult | undefined = planned.find((p) => p.kr.id === krId)?.kr;
    if (!kr) throw new Error(`demo data: no KR ${krId} to revise`);
    const newTarget = Math.round((kr.target * factor) / 10) * 10;
    kr.targetHistory.push({ at, previousTarget: kr.target, newTarget, reason });
    kr.target = newTarget;
    kr.version += 1;
  };
  revise('kr-zhaomin-4', 1.2, stamp('2026-04', 9, 3, 0), '一季度已完成目标的七成，经校准会讨论上调目标');
  revise(
    'kr-yangfan-4',
    0.8,
    stamp('2026-04', 10, 6, 30),
    '华北两家大客户预算冻结，经区域经理与总部确认下调',
  );
}

export function caseStudySnapshot(): Snapshot {
  const planned = planPersonKrs();
  reviseTargets(planned);
  const regionKrs = planRegionKrs();
  const { checkIns, escalations } = generateCheckIns(planned, regionKrs);
  return {
    cycle: { ...cycle },
    regions: regions.map((r) => ({ ...r })),
    people: people.map((p) => ({ ...p })),
    objectives: objectives.map((o) => ({ ...o, focusTags: [...o.focusTags] })),
    keyResults: [...planned.map((p) => p.kr), ...regionKrs],
    checkIns,
    escalations,
    activities: generateActivities(),
    keyAccounts: generateKeyAccounts(),
    peerReviews: generatePeerReviews(),
  };
}
