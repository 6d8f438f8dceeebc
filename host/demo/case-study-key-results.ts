import type { Id, KeyResult, KrLink, MetricKind, Month, Person } from '../../plugin/domain/types.ts';
import { cycle, KICKOFF, months, stamp } from './case-study-calendar.ts';
import {
  OBJECTIVE_HIGH_MARGIN,
  OBJECTIVE_KEY_ACCOUNTS,
  OBJECTIVE_NEW_ENERGY,
} from './case-study-objectives.ts';
import { regions, salesReps } from './case-study-people.ts';
import { createPrng, type Prng } from './prng.ts';

interface KrTemplate {
  key: string;
  metric: MetricKind;
  unit: string;
  focusTags: string[];
  links: { objectiveId: Id; weight: number }[];
  /** True when the KR's focus tags fully match its linked Objectives (linking alone aligns it). */
  focusMatches: boolean;
  range(prng: Prng): { baseline: number; target: number };
  title(target: number, baseline: number, industry: string): string;
  rationale: string;
}

const INDUSTRIES = ['光伏', '储能', '锂电', '风电', '氢能'] as const;
const round10 = (n: number): number => Math.round(n / 10) * 10;

const templates: Record<string, KrTemplate> = {
  newEnergyClients: {
    key: 'new-energy-clients',
    metric: 'number',
    unit: '家',
    focusTags: ['new-energy'],
    links: [{ objectiveId: OBJECTIVE_NEW_ENERGY, weight: 100 }],
    focusMatches: true,
    range: (prng) => ({ baseline: 0, target: prng.int(8, 12) }),
    title: (target, _b, industry) => `新签${industry}等新能源行业客户 ${target} 家`,
    rationale: '新能源行业是总部今年的首要增长方向，新签客户数直接体现行业拓展进度。',
  },
  newEnergyContracts: {
    key: 'new-energy-contracts',
    metric: 'currency',
    unit: '万元',
    focusTags: ['new-energy'],
    links: [
      { objectiveId: OBJECTIVE_NEW_ENERGY, weight: 70 },
      { objectiveId: OBJECTIVE_HIGH_MARGIN, weight: 30 },
    ],
    focusMatches: false,
    range: (prng) => ({ baseline: 0, target: round10(prng.between(80, 160)) }),
    title: (target, _b, industry) => `${industry}行业合同额达到 ${target} 万元`,
    rationale: '新能源客户以储能运维服务包为主，毛利高于传统机型，同时支撑新能源与高毛利两个战略目标。',
  },
  highMarginSales: {
    key: 'high-margin-sales',
    metric: 'currency',
    unit: '万元',
    focusTags: ['high-margin'],
    links: [{ objectiveId: OBJECTIVE_HIGH_MARGIN, weight: 100 }],
    focusMatches: true,
    range: (prng) => ({ baseline: 0, target: round10(prng.between(120, 220)) }),
    title: (target) => `高毛利产品（智能运维服务包）销售额 ${target} 万元`,
    rationale: '智能运维服务包毛利率在 45% 以上，是提升高毛利占比的主力产品。',
  },
  highMarginShare: {
    key: 'high-margin-share',
    metric: 'percent',
    unit: '%',
    focusTags: ['high-margin'],
    links: [{ objectiveId: OBJECTIVE_HIGH_MARGIN, weight: 100 }],
    focusMatches: true,
    range: (prng) => ({ baseline: prng.int(35, 44), target: prng.int(65, 72) }),
    title: (target, baseline) => `个人高毛利产品销售占比由 ${baseline}% 提升至 ${target}%`,
    rationale: '占比指标避免只冲低端机型销量，与总部高毛利战略一一对应。',
  },
  keyAccountCoverage: {
    key: 'key-account-coverage',
    metric: 'percent',
    unit: '%',
    focusTags: ['key-accounts'],
    links: [{ objectiveId: OBJECTIVE_KEY_ACCOUNTS, weight: 100 }],
    focusMatches: true,
    range: (prng) => ({ baseline: prng.int(50, 70), target: 100 }),
    title: () => '重点客户季度拜访覆盖率达到 100%',
    rationale: '重点客户每季度至少拜访一次，避免关键客户长期失联影响续约。',
  },
  serviceRenewals: {
    key: 'service-renewals',
    metric: 'number',
    unit: '份',
    focusTags: ['key-accounts'],
    links: [{ objectiveId: OBJECTIVE_KEY_ACCOUNTS, weight: 100 }],
    focusMatches: true,
    range: (prng) => ({ baseline: 0, target: prng.int(10, 16) }),
    title: (target) => `续签重点客户服务合同 ${target} 份`,
    rationale: '服务续约是重点客户深耕的直接结果，也带来稳定的高毛利服务收入。',
  },
  totalSales: {
    key: 'total-sales',
    metric: 'currency',
    unit: '万元',
    focusTags: ['volume'],
    links: [{ objectiveId: OBJECTIVE_HIGH_MARGIN, weight: 100 }],
    focusMatches: false,
    range: (prng) => ({ baseline: 0, target: round10(prng.between(240, 380)) }),
    title: (target) => `总销售额达到 ${target} 万元`,
    rationale: '总额中高毛利产品目标占比不低于六成，每月校准会复盘产品结构，避免只冲低毛利机型。',
  },
  collections: {
    key: 'collections',
    metric: 'currency',
    unit: '万元',
    focusTags: ['collections'],
    links: [{ objectiveId: OBJECTIVE_KEY_ACCOUNTS, weight: 100 }],
    focusMatches: false,
    range: (prng) => ({ baseline: 0, target: round10(prng.between(200, 340)) }),
    title: (target) => `回款 ${target} 万元`,
    rationale: '重点客户回款节奏决定服务资源投入，按时回款是续约谈判的前提。',
  },
  newEnergyLeads: {
    key: 'new-energy-leads',
    metric: 'number',
    unit: '个',
    focusTags: ['pipeline'],
    links: [{ objectiveId: OBJECTIVE_NEW_ENERGY, weight: 100 }],
    focusMatches: false,
    range: (prng) => ({ baseline: 0, target: prng.int(18, 30) }),
    title: (target, _b, industry) => `${industry}行业线索转化为有效商机 ${target} 个`,
    rationale: '有效商机是新签新能源客户的前置指标，提前两个月反映拓展进度。',
  },
};

/** Each rep has five KR slots; each slot offers the variants a rep chose from at kickoff. */
const SLOTS: KrTemplate[][] = [
  [templates.newEnergyClients!, templates.newEnergyContracts!],
  [templates.highMarginSales!, templates.highMarginShare!],
  [templates.keyAccountCoverage!, templates.serviceRenewals!],
  [templates.totalSales!],
  [templates.collections!, templates.newEnergyLeads!],
];
export const KR_SLOTS = SLOTS.length;

/**
 * How many person KRs become aligned at the end of each month (January first), and how many never do.
 * 29/75 ≈ 38.7 % in January, 67/75 ≈ 89.3 % in June: the case's 38 % → 89 %.
 */
const ALIGNED_PER_MONTH = [29, 11, 10, 8, 5, 4];

/** How early each rep took to the new way of working (higher = aligned sooner). */
const EAGERNESS: Record<string, number> = {
  zhaomin: 0.9,
  sunhao: 0.6,
  wuqian: 0.5,
  zhengkai: 0.7,
  liangxiaoyan: 0.4,
  hejunjie: 0.2,
  wanglei: 0.8,
  gaojing: 0.5,
  yangfan: 0.1,
  hubin: 0.7,
  xuli: 0.3,
  dengchao: 0.6,
  luoting: 0.3,
  hantao: 0.4,
  fengxuemei: 0.1,
};

const SHORT_RATIONALES = ['配合总部安排', '支持战略', '同上'];

export interface PlannedKr {
  kr: KeyResult;
  rep: Person;
  slot: number;
  /** Month index at whose end the KR first reaches the alignment threshold; null if never. */
  alignedMonth: number | null;
}

const loginOf = (person: Person): string => person.id.replace(/^person-/, '');

interface Draft {
  rep: Person;
  slot: number;
  template: KrTemplate;
  propensity: number;
}

function draftKrs(prng: Prng): Draft[] {
  const drafts: Draft[] = [];
  for (const rep of salesReps) {
    SLOTS.forEach((variants, slot) => {
      const template = prng.pick(variants);
      const eagerness = EAGERNESS[loginOf(rep)] ?? 0.5;
      const propensity = eagerness + (template.focusMatches ? 0.35 : 0) + prng.between(0, 0.5);
      drafts.push({ rep, slot, template, propensity });
    });
  }
  return drafts;
}

function assignAlignedMonths(drafts: Draft[]): Map<Draft, number | null> {
  const ranked = [...drafts].sort((a, b) => b.propensity - a.propensity);
  const result = new Map<Draft, number | null>();
  let cursor = 0;
  ALIGNED_PER_MONTH.forEach((count, monthIndex) => {
    for (const draft of ranked.slice(cursor, cursor + count)) result.set(draft, monthIndex);
    cursor += count;
  });
  for (const draft of ranked.slice(cursor)) result.set(draft, null);
  return result;
}

/** Kickoff workshop (two days in January), then working days later in a month. */
function linkStamp(prng: Prng, monthIndex: number): string {
  const month = months[monthIndex] as Month;
  if (monthIndex === 0) return stamp(month, prng.pick([8, 9]), prng.int(2, 8), prng.pick([0, 15, 30, 45]));
  return stamp(month, prng.int(3, 18), prng.int(1, 9), prng.pick([0, 10, 20, 40]));
}

function laterStamp(prng: Prng, after: string, monthIndex: number): string {
  const month = months[monthIndex] as Month;
  const afterDay = after.startsWith(month) ? Number(after.slice(8, 10)) : 1;
  const day = Math.min(27, Math.max(2, afterDay + prng.int(1, 6)));
  return stamp(month, day, prng.int(1, 9), prng.pick([5, 25, 35, 50]));
}

function timeline(
  prng: Prng,
  template: KrTemplate,
  alignedMonth: number | null,
): Pick<KeyResult, 'links' | 'rationale' | 'rationaleAt' | 'confirmedAt' | 'evidence'> {
  const links = (at: string): KrLink[] => template.links.map((l) => ({ ...l, linkedAt: at }));
  if (alignedMonth === null) {
    if (template.focusMatches || prng.next() < 0.3) {
      return { links: [], rationale: '', rationaleAt: null, confirmedAt: null, evidence: '' };
    }
    const linkedAt = linkStamp(prng, prng.int(1, 4));
    const linkedMonth = months.findIndex((m) => linkedAt.startsWith(m));
    const short = prng.next() < 0.5;
    const confirmed = template.links.length === 1 && prng.next() < 0.5;
    return {
      links: links(linkedAt),
      rationale: short ? prng.pick(SHORT_RATIONALES) : '',
      rationaleAt: short ? laterStamp(prng, linkedAt, linkedMonth) : null,
      confirmedAt: confirmed ? laterStamp(prng, linkedAt, Math.min(5, linkedMonth + 1)) : null,
      evidence: '',
    };
  }
  if (template.focusMatches) {
    const linkedAt = linkStamp(prng, alignedMonth);
    const withRationale = prng.next() < 0.6;
    const rationaleMonth = Math.min(5, alignedMonth + prng.int(0, 1));
    const rationaleAt = withRationale ? laterStamp(prng, linkedAt, rationaleMonth) : null;
    const confirmMonth = Math.min(5, alignedMonth + prng.int(0, 1));
    const confirmedAt = prng.next() < 0.8 ? laterStamp(prng, rationaleAt ?? linkedAt, confirmMonth) : null;
    return {
      links: links(linkedAt),
      rationale: withRationale ? template.rationale : '',
      rationaleAt,
      confirmedAt: confirmedAt && confirmedAt > (rationaleAt ?? linkedAt) ? confirmedAt : null,
      evidence: withRationale ? '2026 年启动会战略 O–区域 KR 映射表' : '',
    };
  }
  // Focus does not match: linking is not enough, the rationale makes it aligned (in alignedMonth).
  const linkedMonth = Math.max(0, alignedMonth - prng.int(0, 2));
  const linkedAt = linkStamp(prng, linkedMonth);
  const rationaleAt =
    linkedMonth === alignedMonth ? laterStamp(prng, linkedAt, alignedMonth) : linkStamp(prng, alignedMonth);
  const confirmMonth = Math.min(5, alignedMonth + prng.int(0, 1));
  const confirmedAt = prng.next() < 0.75 ? laterStamp(prng, rationaleAt, confirmMonth) : null;
  return {
    links: links(linkedAt),
    rationale: template.rationale,
    rationaleAt,
    confirmedAt: confirmedAt && confirmedAt > rationaleAt ? confirmedAt : null,
    evidence: prng.next() < 0.5 ? '月度校准会纪要' : '',
  };
}

export function planPersonKrs(): PlannedKr[] {
  const prng = createPrng(20260101);
  const drafts = draftKrs(prng);
  const aligned = assignAlignedMonths(drafts);
  return drafts.map((draft) => {
    const { template, rep, slot } = draft;
    const { baseline, target } = template.range(prng);
    const alignedMonth = aligned.get(draft) ?? null;
    const kr: KeyResult = {
      id: `kr-${loginOf(rep)}-${slot + 1}`,
      cycleId: cycle.id,
      ownerType: 'person',
      ownerId: rep.id,
      title: template.title(target, baseline, prng.pick(INDUSTRIES)),
      metric: template.metric,
      baseline,
      target,
      unit: template.unit,
      focusTags: [...template.focusTags],
      ...timeline(prng, template, alignedMonth),
      updateIntervalDays: template.metric === 'currency' && prng.next() < 0.3 ? 30 : null,
      targetHistory: [],
      createdAt: KICKOFF,
      version: 1,
    };
    kr.version = 1 + kr.links.length + (kr.rationaleAt ? 1 : 0) + (kr.confirmedAt ? 1 : 0);
    return { kr, rep, slot, alignedMonth };
  });
}

const REGION_TARGETS: Record<string, number> = {
  'region-east': 320,
  'region-south': 280,
  'region-north': 260,
  'region-central': 180,
  'region-southwest': 170,
  'region-northwest': 150,
};

/** One region KR per region, set at kickoff and confirmed by the strategy lead. */
export function planRegionKrs(): KeyResult[] {
  const prng = createPrng(20260102);
  return regions.map((region) => {
    const linkedAt = stamp('2026-01', 9, prng.int(5, 8), 30);
    return {
      id: `kr-${region.id}`,
      cycleId: cycle.id,
      ownerType: 'region',
      ownerId: region.id,
      title: `${region.name}区新能源行业合同额达到 ${REGION_TARGETS[region.id] ?? 400} 万元`,
      metric: 'currency',
      baseline: 0,
      target: REGION_TARGETS[region.id] ?? 400,
      unit: '万元',
      focusTags: ['new-energy'],
      links: [{ objectiveId: OBJECTIVE_NEW_ENERGY, weight: 100, linkedAt }],
      rationale: `${region.name}区新能源项目储备最多的方向，区域合同额是总部新能源目标的直接分解。`,
      rationaleAt: linkedAt,
      evidence: '2026 年启动会战略 O–区域 KR 映射表',
      confirmedAt: stamp('2026-01', 12, 2, 0),
      updateIntervalDays: null,
      targetHistory: [],
      createdAt: KICKOFF,
      version: 3,
    } satisfies KeyResult;
  });
}
