import type {
  Activity,
  KeyAccount,
  Month,
  PeerDimension,
  PeerReview,
  Person,
} from '../../plugin/domain/types.ts';
import { months } from './case-study-calendar.ts';
import { salesReps } from './case-study-people.ts';
import { createPrng, type Prng } from './prng.ts';

/** Team-wide high-margin share per month: the case's 41 % in January to 67 % in June. */
const HIGH_MARGIN_SHARE = [0.41, 0.46, 0.51, 0.57, 0.62, 0.67];

const loginOf = (person: Person): string => person.id.replace(/^person-/, '');
const toCents = (yuan: number): number => Math.round(yuan / 100) * 100 * 100;

export function generateActivities(): Activity[] {
  const prng = createPrng(20260301);
  const activities: Activity[] = [];
  const repTraits = salesReps.map((rep) => ({
    rep,
    dealSizeYuan: prng.between(80_000, 200_000),
    dealRate: prng.between(2, 4.5),
    shareOffset: prng.between(-0.08, 0.08),
  }));
  months.forEach((month, m) => {
    const rows = repTraits.map(({ rep, dealSizeYuan, dealRate, shareOffset }) => {
      let dealsSigned = Math.max(1, Math.round(dealRate + prng.between(-1.2, 1.2)));
      let amountYuan = dealsSigned * dealSizeYuan * prng.between(0.8, 1.2);
      // 华南 signed two key projects in April once the HQ engineers had been on site.
      if (rep.regionId === 'region-south' && month === '2026-04' && loginOf(rep) !== 'hejunjie') {
        dealsSigned += 1;
        amountYuan += 380_000;
      }
      const share = Math.min(0.95, Math.max(0.1, (HIGH_MARGIN_SHARE[m] ?? 0.5) + shareOffset));
      const visits = Math.max(4, Math.round(9 + m * 0.8 + prng.between(-3, 3)));
      const proposalsSent = Math.max(dealsSigned, Math.round(dealsSigned * prng.between(1.6, 2.6)));
      const row: Activity = {
        personId: rep.id,
        month: month as Month,
        dealsSigned,
        dealsAmountCents: toCents(amountYuan),
        highMarginAmountCents: toCents(amountYuan * share),
        clientVisits: visits,
        proposalsSent,
        proposalsWon: Math.min(proposalsSent, dealsSigned + prng.int(0, 1)),
        collectionsCents: toCents(amountYuan * prng.between(0.7, 1.05)),
      };
      return row;
    });
    normaliseShare(rows, HIGH_MARGIN_SHARE[m] ?? 0.5);
    activities.push(...rows);
  });
  return activities;
}

/** Scales the high-margin amounts so the team's share for the month is the case's figure. */
function normaliseShare(rows: Activity[], share: number): void {
  for (let pass = 0; pass < 3; pass++) {
    const total = rows.reduce((s, r) => s + r.dealsAmountCents, 0);
    const high = rows.reduce((s, r) => s + r.highMarginAmountCents, 0);
    const factor = (share * total) / high;
    for (const row of rows) {
      row.highMarginAmountCents = Math.min(
        row.dealsAmountCents,
        toCents((row.highMarginAmountCents * factor) / 100),
      );
    }
  }
}

const CITIES: Record<string, string[]> = {
  'region-east': ['苏州', '常州', '宁波', '合肥'],
  'region-south': ['东莞', '惠州', '佛山', '厦门'],
  'region-north': ['天津', '唐山', '保定', '济南'],
  'region-central': ['武汉', '宜昌', '长沙', '郑州'],
  'region-southwest': ['成都', '宜宾', '重庆', '昆明'],
  'region-northwest': ['西安', '银川', '西宁', '乌鲁木齐'],
};
const BRANDS = [
  '启明',
  '恒通',
  '瑞丰',
  '嘉禾',
  '东升',
  '泰和',
  '德盛',
  '远航',
  '宏达',
  '鼎信',
  '博远',
  '中昊',
];
const TRADES = ['光伏科技', '储能系统', '锂电设备', '风电装备', '精密制造', '新材料', '动力电池', '氢能装备'];

/**
 * Days since last contact, counted back from the end of June. Most accounts were visited recently;
 * 何俊杰 has not reached two of his key accounts for three months (the case's story), and one
 * other account sits just under the alert threshold.
 */
const STALE_CONTACTS: Record<string, string> = {
  'ka-hejunjie-1': '2026-03-12',
  'ka-hejunjie-2': '2026-03-20',
  'ka-yangfan-2': '2026-02-26',
  'ka-xuli-1': '2026-04-03',
};

export function generateKeyAccounts(): KeyAccount[] {
  const prng = createPrng(20260401);
  const used = new Set<string>();
  const accounts: KeyAccount[] = [];
  for (const rep of salesReps) {
    const count = prng.int(2, 3);
    for (let i = 1; i <= count; i++) {
      let name = '';
      do {
        name = `${prng.pick(CITIES[rep.regionId ?? ''] ?? ['上海'])}${prng.pick(BRANDS)}${prng.pick(TRADES)}有限公司`;
      } while (used.has(name));
      used.add(name);
      const id = `ka-${loginOf(rep)}-${i}`;
      const recentDay = String(prng.int(2, 27)).padStart(2, '0');
      accounts.push({
        id,
        name,
        ownerId: rep.id,
        lastContactAt: STALE_CONTACTS[id] ?? `2026-${prng.pick(['05', '06', '06'])}-${recentDay}`,
      });
    }
  }
  // A new account handed over in June that nobody has contacted yet.
  accounts.push({
    id: 'ka-fengxuemei-new',
    name: '银川嘉禾氢能装备有限公司',
    ownerId: 'person-fengxuemei',
    lastContactAt: null,
  });
  return accounts;
}

const COMMENTS = [
  '方案讲解清晰，愿意分享投标经验',
  '跨区项目中主动协调资源，响应及时',
  '沟通顺畅，客户资料整理得很规范',
  '在新能源客户拜访中给予了很多支持',
  '希望能更多分享高毛利产品的报价经验',
  '',
];

/** Who helped across regions: 赵敏 (华东) supported 西南's storage project in Q2. */
const CROSS_REGION_HELPER = 'person-zhaomin';

function reviewersFor(prng: Prng, reviewee: Person, quarter: string): Person[] {
  const sameRegion = salesReps.filter((p) => p.regionId === reviewee.regionId && p.id !== reviewee.id);
  const others = salesReps.filter((p) => p.regionId !== reviewee.regionId);
  // 冯雪梅 joined the peer review late in Q1: only two colleagues reviewed her.
  const wanted = reviewee.id === 'person-fengxuemei' && quarter === '2026-Q1' ? 2 : prng.int(3, 5);
  const chosen: Person[] = [];
  const pool = [...sameRegion, ...others];
  while (chosen.length < wanted && pool.length > 0) {
    const fromSame = chosen.length < Math.min(2, sameRegion.length);
    const candidates = fromSame ? pool.filter((p) => p.regionId === reviewee.regionId) : pool;
    const pick = prng.pick(candidates.length > 0 ? candidates : pool);
    chosen.push(pick);
    pool.splice(pool.indexOf(pick), 1);
  }
  return chosen;
}

export function generatePeerReviews(): PeerReview[] {
  const prng = createPrng(20260501);
  const reviews: PeerReview[] = [];
  for (const quarter of ['2026-Q1', '2026-Q2']) {
    let n = 0;
    for (const reviewee of salesReps) {
      const base = prng.between(3, 4.4);
      for (const reviewer of reviewersFor(prng, reviewee, quarter)) {
        const score = (bonus = 0): number =>
          Math.max(1, Math.min(5, Math.round(base + bonus + prng.between(-0.8, 0.8))));
        const helped =
          reviewee.id === CROSS_REGION_HELPER &&
          quarter === '2026-Q2' &&
          reviewer.regionId !== reviewee.regionId;
        const scores: Record<PeerDimension, number> = {
          collaboration: score(),
          crossRegionHelp: helped ? 5 : score(-0.3),
          knowledgeSharing: score(),
        };
        n += 1;
        reviews.push({
          id: `pr-${quarter.replace('-', '').toLowerCase()}-${String(n).padStart(3, '0')}`,
          quarter,
          reviewerId: reviewer.id,
          revieweeId: reviewee.id,
          scores,
          comment: helped ? '主动协助西南区储能项目方案，帮助拿下关键订单' : prng.pick(COMMENTS),
        });
      }
    }
  }
  return reviews;
}
