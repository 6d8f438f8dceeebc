import { monthEnd } from '../../plugin/domain/dates.ts';
import {
  colourFromPace,
  expectedProgress,
  keyResultAt,
  krProgress,
  pacePercent,
} from '../../plugin/domain/pace.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import type {
  CheckIn,
  Colour,
  Escalation,
  EscalationReason,
  Id,
  KeyResult,
  Month,
  ResourceRequest,
} from '../../plugin/domain/types.ts';
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };
import { addDays, calibrationMonthOf, cycle, months, stamp } from './case-study-calendar.ts';
import type { PlannedKr } from './case-study-key-results.ts';
import { managerIdOfRegion, people, strategyLeadId } from './case-study-people.ts';
import { createPrng, type Prng } from './prng.ts';

/**
 * Pace of each rep in January (1 = on plan). Early on the spread is wide — some reps start with a big
 * deal, others barely move — and it narrows by June as calibration pulls everyone back on track.
 */
const JANUARY_PACE: Record<string, number> = {
  zhaomin: 2.9,
  sunhao: 1.3,
  wuqian: 0.95,
  zhengkai: 1.2,
  liangxiaoyan: 0.9,
  hejunjie: 0.76,
  wanglei: 2.2,
  gaojing: 1.05,
  yangfan: 0.72,
  hubin: 1.6,
  xuli: 0.85,
  dengchao: 1.8,
  luoting: 0.8,
  hantao: 1.0,
  fengxuemei: 0.74,
};
const JUNE_PROGRESS_LOW = 0.97;
const JUNE_PROGRESS_HIGH = 1.12;

/** Share of the cycle elapsed at the end of month index m. */
const settings = settingsDefaults as Settings;

const expected = (m: number): number => (m + 1) / months.length;

function repCurve(januaryPace: number): number[] {
  const paces = Object.values(JANUARY_PACE);
  const lo = Math.min(...paces);
  const hi = Math.max(...paces);
  const start = januaryPace * expected(0);
  const end = JUNE_PROGRESS_LOW + ((januaryPace - lo) / (hi - lo)) * (JUNE_PROGRESS_HIGH - JUNE_PROGRESS_LOW);
  return months.map((_, m) => start + ((end - start) * m) / (months.length - 1));
}

/** Story overrides: pace per month index for particular KRs (see the case: 华南 two amber months). */
type PaceOverride = Partial<Record<number, (formulaProgress: number) => number>>;
const SOUTH_AMBER_STREAK: PaceOverride = {
  1: () => 0.8 * expected(1),
  2: () => 0.78 * expected(2),
  3: (p) => Math.max(p, 1.02 * expected(3)),
};
const POSTPONED_ORDER: PaceOverride = {
  2: () => 0.9 * expected(2),
  3: () => 0.78 * expected(3),
  4: () => 0.66 * expected(4),
};

const paces = (byMonth: Record<number, number>): PaceOverride =>
  Object.fromEntries(Object.entries(byMonth).map(([m, pace]) => [m, () => pace * expected(Number(m))]));

/** Later slowdowns, so calibration keeps finding work after the first quarter. */
const LATE_SLOWDOWNS: Record<string, PaceOverride> = {
  'kr-fengxuemei-1': paces({ 3: 0.85, 4: 0.82, 5: 0.95 }),
  'kr-xuli-5': paces({ 3: 0.84, 4: 0.8 }),
  'kr-gaojing-2': paces({ 4: 0.86, 5: 0.84 }),
};

function overrideFor(planned: PlannedKr): PaceOverride {
  if (planned.rep.regionId === 'region-south' && planned.slot === 0) return SOUTH_AMBER_STREAK;
  if (planned.rep.id === 'person-luoting' && planned.slot === 3) return POSTPONED_ORDER;
  return LATE_SLOWDOWNS[planned.kr.id] ?? {};
}

/** The one check-in that never came: 韩涛 forgot April for his key-account KR. */
const MISSING = { krId: 'kr-hantao-3', monthIndex: 3 };

function valueAt(kr: KeyResult, progress: number): number {
  const raw = kr.baseline + (kr.target - kr.baseline) * progress;
  if (kr.metric === 'number') return Math.round(raw);
  if (kr.metric === 'percent') return Math.min(100, Math.round(raw));
  return Math.round(raw * 10) / 10;
}

/** Colour as the domain computes it: pace against the target in force at the month end. */
export function colourOf(kr: KeyResult, value: number, monthIndex: number): { colour: Colour; pace: number } {
  const month = months[monthIndex] as Month;
  const progress = krProgress(keyResultAt(kr, monthEnd(month)), value);
  const pace = pacePercent(progress, expectedProgress(cycle, month));
  return { colour: colourFromPace(pace, settings), pace };
}

const BLOCKERS = [
  '客户预算审批延后到下季度',
  '竞品低价抢单，需要价格支持',
  '新能源客户要求第三方检测报告',
  '交付排期紧张，客户担心上线时间',
  '关键联系人岗位调整，需要重新建立关系',
  '春节前后客户决策停滞',
];
const SOUTH_BLOCKER = '储能客户要求现场技术方案答辩，区域缺少解决方案工程师';
const REQUESTS: ResourceRequest[] = [
  { kind: 'pricing', detail: '申请对两家新能源客户给予阶梯折扣' },
  { kind: 'technical-support', detail: '需要总部工程师参与方案评审' },
  { kind: 'budget', detail: '申请客户参观样板工厂的差旅预算' },
  { kind: 'people', detail: '需要售前同事协助准备投标文件' },
];
const RESOLUTIONS = [
  '区域经理陪同拜访客户高层，重新确认采购时间表',
  '总部批准阶梯折扣，客户已进入合同流程',
  '协调售前团队支持投标文件，按期提交',
  '调整交付排期并向客户书面确认',
  '由总部技术专家远程答疑，客户认可方案',
];
const SOUTH_RESOLUTION = '协调总部解决方案工程师驻场两周，补齐储能运维技术方案';

/** Mean days to resolve, by the calendar month an escalation was raised in (index 0 = January). */
const RESPONSE_DAYS_BY_RAISED_MONTH = [11, 11, 11, 5, 2.3, 2.3, 2.3];
const RESPONSE_NOISE = [1.2, 1.2, 1.2, 0.8, 0.6, 0.6, 0.6];

const MONTH_NAMES = ['1月', '2月', '3月', '4月', '5月', '6月'];

export interface CheckInResult {
  checkIns: CheckIn[];
  escalations: Escalation[];
  /** Cumulative progress per KR per month index, for the activity generator. */
  progress: Map<Id, number[]>;
}

function responseDays(prng: Prng, raisedAt: string): number {
  const index = Number(raisedAt.slice(5, 7)) - 1;
  const mean = RESPONSE_DAYS_BY_RAISED_MONTH[index] ?? 2.3;
  const noise = RESPONSE_NOISE[index] ?? 0.6;
  return Math.round((mean + prng.between(-noise, noise)) * 10) / 10;
}

/** Shifts response times so each raised-month group averages exactly the month's mean. */
function settleResponseTimes(escalations: Escalation[]): void {
  const groups = new Map<number, Escalation[]>();
  for (const e of escalations) {
    const index = Number(e.raisedAt.slice(5, 7)) - 1;
    groups.set(index, [...(groups.get(index) ?? []), e]);
  }
  for (const [index, group] of groups) {
    const days = group.map(
      (e) => (Date.parse(e.resolvedAt ?? e.raisedAt) - Date.parse(e.raisedAt)) / 86_400_000,
    );
    const shift =
      (RESPONSE_DAYS_BY_RAISED_MONTH[index] ?? 2.3) - days.reduce((a, b) => a + b, 0) / days.length;
    group.forEach((e, i) => {
      e.resolvedAt = addDays(e.raisedAt, (days[i] ?? 0) + shift);
    });
  }
}

function ownerAndAssignee(kr: KeyResult): { raisedById: Id; assigneeId: Id } {
  if (kr.ownerType === 'region')
    return { raisedById: managerIdOfRegion(kr.ownerId), assigneeId: strategyLeadId };
  const owner = people.find((p) => p.id === kr.ownerId);
  return { raisedById: kr.ownerId, assigneeId: owner?.managerId ?? strategyLeadId };
}

export function generateCheckIns(planned: PlannedKr[], regionKrs: KeyResult[]): CheckInResult {
  const prng = createPrng(20260201);
  const checkIns: CheckIn[] = [];
  const escalations: Escalation[] = [];
  const progress = new Map<Id, number[]>();
  const curves = new Map<Id, number[]>();

  const addEscalation = (
    kr: KeyResult,
    monthIndex: number,
    reason: EscalationReason,
    raisedAt: string,
    detail: string,
    resolution: string,
  ): void => {
    const days = responseDays(prng, raisedAt);
    escalations.push({
      id: '',
      krId: kr.id,
      ...ownerAndAssignee(kr),
      month: months[monthIndex] as Month,
      reason,
      detail,
      raisedAt,
      resolvedAt: addDays(raisedAt, days),
      resolution,
    });
  };

  const runKr = (kr: KeyResult, curve: number[], override: PaceOverride, story: 'south' | null): void => {
    const k = prng.between(0.95, 1.08);
    const series: number[] = [];
    let amberStreak = 0;
    curve.forEach((repProgress, m) => {
      const formula = repProgress * k * (1 + prng.between(-0.03, 0.03));
      const shaped = override[m]?.(formula) ?? formula;
      const cumulative = Math.max(series[m - 1] ?? 0, shaped);
      series.push(cumulative);
      const calibration = calibrationMonthOf(m);
      const submittedDay = prng.int(2, 6);
      const submittedAt = stamp(calibration, submittedDay, prng.int(1, 9), prng.pick([0, 12, 24, 36, 48]));
      const missing = kr.id === MISSING.krId && m === MISSING.monthIndex;
      const value = valueAt(kr, cumulative);
      const { colour, pace } = missing ? { colour: 'red' as const, pace: 0 } : colourOf(kr, value, m);
      if (!missing) {
        const troubled = colour !== 'green';
        const blockers = troubled ? (story === 'south' ? SOUTH_BLOCKER : prng.pick(BLOCKERS)) : '';
        const request: ResourceRequest | null =
          story === 'south' && m === 2
            ? { kind: 'technical-support', detail: '需要总部工程师驻场支持储能项目技术方案' }
            : troubled && prng.next() < 0.4
              ? prng.pick(REQUESTS)
              : null;
        const disagree = prng.next() < 0.08;
        const selfColour: Colour = disagree ? (colour === 'green' ? 'amber' : 'green') : colour;
        checkIns.push({
          id: `ci-${kr.id.replace(/^kr-/, '')}-${months[m]}`,
          krId: kr.id,
          month: months[m] as Month,
          value,
          selfColour,
          colourNote: !disagree
            ? ''
            : selfColour === 'amber'
              ? '大客户付款条件仍在谈判，保守评估'
              : '两个项目已进入合同审批，预计下月签约',
          submittedAt,
          blockers,
          resourceRequest: request,
          confidence: Math.max(0, Math.min(10, Math.round(3 + (pace / 100) * 5 + prng.between(-1, 1)))),
        });
      }
      amberStreak = colour === 'amber' ? amberStreak + 1 : 0;
      const raisedAt = missing
        ? stamp(calibration, settings.calibration.checkinDueDay + 1, 2, 0)
        : stamp(calibration, submittedDay, 8, 30);
      const monthName = MONTH_NAMES[m] ?? '';
      if (colour === 'red') {
        addEscalation(
          kr,
          m,
          'red',
          raisedAt,
          missing ? `${monthName}校准未按时提交` : `${monthName}进度明显落后计划`,
          missing ? '已补交进度并说明原因，经理确认本月按红灯处理' : prng.pick(RESOLUTIONS),
        );
      } else if (amberStreak === settings.calibration.amberStreakToEscalate) {
        addEscalation(
          kr,
          m,
          'amber-streak',
          raisedAt,
          `连续 ${amberStreak} 个月黄灯`,
          story === 'south' ? SOUTH_RESOLUTION : prng.pick(RESOLUTIONS),
        );
      }
    });
    progress.set(kr.id, series);
  };

  for (const item of planned) {
    const login = item.rep.id.replace(/^person-/, '');
    const curve = curves.get(item.rep.id) ?? repCurve(JANUARY_PACE[login] ?? 1);
    curves.set(item.rep.id, curve);
    const story = item.rep.regionId === 'region-south' && item.slot === 0 ? 'south' : null;
    runKr(item.kr, curve, overrideFor(item), story);
  }
  for (const kr of regionKrs) {
    const repCurves = planned
      .filter((p) => p.rep.regionId === kr.ownerId)
      .map((p) => curves.get(p.rep.id))
      .filter((c): c is number[] => c !== undefined);
    const mean = months.map((_, m) => repCurves.reduce((sum, c) => sum + (c[m] ?? 0), 0) / repCurves.length);
    runKr(kr, mean, {}, null);
  }

  // A blocker raised during the January kickoff follow-up, outside any check-in.
  const blockerKr = planned.find((p) => p.rep.id === 'person-dengchao' && p.slot === 0)?.kr;
  if (blockerKr) {
    addEscalation(
      blockerKr,
      0,
      'blocker',
      stamp('2026-01', 14, 3, 0),
      '新能源客户要求提供第三方检测报告后才能立项',
      '总部质量部出具检测报告模板，客户已立项',
    );
  }

  const pricingKr = planned.find((p) => p.rep.id === 'person-hubin' && p.slot === 1)?.kr;
  if (pricingKr) {
    addEscalation(
      pricingKr,
      4,
      'resource-request',
      stamp('2026-05', 12, 2, 30),
      '两家锂电客户要求智能运维服务包阶梯报价，需要总部定价支持',
      '总部批准阶梯报价方案，客户已确认采购意向',
    );
  }

  settleResponseTimes(escalations);
  escalations.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.krId.localeCompare(b.krId));
  escalations.forEach((e, i) => {
    e.id = `esc-${String(i + 1).padStart(3, '0')}`;
  });
  const last = escalations.at(-1);
  if (last && last.raisedAt >= '2026-07') {
    last.resolvedAt = null;
    last.resolution = '';
  }
  return { checkIns, escalations, progress };
}
