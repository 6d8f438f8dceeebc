// The use-case table: every pack command once, with who may run it and what it must leave behind.
// Targets are built fresh for each run through other commands (as the demo admin or HR), on the
// case-study demo (OKR_DEMO=case-study: cycle-2026-h1, person-zhaomin in region-east …).
import { addMonths, monthOf } from '../../plugin/domain/dates.ts';
import { halfYearContaining } from '../../plugin/domain/half-year.ts';
import { LOW_CONFIDENCE_RULES } from '../../plugin/engine/custom-rules-examples.ts';
import defaults from '../../rules/settings.defaults.json' with { type: 'json' };
import type { Loose, Persona } from './caller.ts';

export const CYCLE = 'cycle-2026-h1';
export const NEXT_CYCLE = 'cycle-2026-h2';
const MONTH = '2026-06';
const OWNER = 'person-zhaomin';

/** What `prepare` builds targets with. */
export interface Setup {
  /** Runs a command that must succeed (as the demo admin unless told) and returns its result. */
  ok(command: string, input: Record<string, unknown>, as?: Persona): Promise<Loose>;
  /** Runs a command whose refusal with `code` is fine too (something that may exist already). */
  okOr(code: string, command: string, input: Record<string, unknown>, as?: Persona): Promise<void>;
  /** A name unique in this run, in words a person would use. */
  unique(label: string): string;
  /** A year no other case uses (each gets its own half-year cycle and quarters). */
  year(): number;
}

export interface AuditExpectation {
  action: string;
  subjectType: string;
  subjectId: string;
  /** `none`: written without the actor (peer reviews stay anonymous). Default: the caller. */
  actor?: 'caller' | 'none';
}

/** A refusal a command makes on every host, beyond the checks every case gets. */
export interface Refusal<P = Loose> {
  /** The refused request in words (the test's title). */
  title: string;
  status: number;
  code: string;
  /** The input, on a fresh target made for the first allowed persona. */
  input(p: P): Record<string, unknown>;
  /** The reply's `params`, when they are part of the rule. */
  params?: (p: P) => Record<string, unknown>;
}

export interface UseCase<P = Loose> {
  command: string;
  /** Personas the pack lets run it; every other persona is refused with 403 `forbidden`. */
  allowed: readonly Persona[];
  /** Builds the target of one run (`as`: who will run the command). */
  prepare(t: Setup, as: Persona): Promise<P>;
  input(p: P, as: Persona): Record<string, unknown>;
  /** The stored row version of the target, when the command takes `version`. */
  version?: (p: P) => number;
  /** The cycle the command writes into, when it does. */
  cycle?: (p: P) => string;
  /** The audit row a success writes; none for reads. */
  audit?: (p: P, result: Loose, input: Record<string, unknown>) => AuditExpectation;
  /** Other records a success changes, each with its own newest audit row (by the caller). */
  alsoAudits?: (p: P, result: Loose) => AuditExpectation[];
  /** Requests the command refuses, storing nothing. */
  refusals?: readonly Refusal<P>[];
}

const defineCase = <P>(c: UseCase<P>): UseCase<P> => c;
const none = async () => ({});

type Target = { id: string; version: number };

const keyResult = async (t: Setup): Promise<Target> => {
  const kr = await t.ok('keyResult.create', {
    cycleId: CYCLE,
    ownerType: 'person',
    ownerId: OWNER,
    title: t.unique('新签储能客户'),
    metric: 'number',
    baseline: 0,
    target: 10,
    unit: '家',
  });
  return { id: kr.id, version: kr.version };
};

const monthBefore = (month: string) => addMonths(month, -1);

/** A robot address no resolver knows (`.invalid`): saved, never reached. */
const ROBOT_URL = 'https://robot.okr-align.invalid/send?access_token=demo';
const robot = async (t: Setup): Promise<Target> => {
  const r = await t.ok('webhook.create', { platform: 'wecom', name: t.unique('总部群'), url: ROBOT_URL });
  return { id: r.id, version: r.version };
};

/**
 * A KR and the first month it owes a check-in (the month the host's clock made it in). A host whose
 * clock is past the demo cycle (NocoBase runs on the real date) gets it in the cycle of that month.
 */
const owingKeyResult = async (t: Setup) => {
  const create = (cycleId: string) =>
    t.ok('keyResult.create', {
      cycleId,
      ownerType: 'person',
      ownerId: OWNER,
      title: t.unique('新签储能客户'),
      metric: 'number',
      baseline: 0,
      target: 10,
    });
  let kr = await create(CYCLE);
  let cycleId = CYCLE;
  const month = monthOf(kr.createdAt);
  if (month > MONTH) {
    const [year, m] = month.split('-').map(Number) as [number, number];
    await t.okOr('cycle-exists', 'cycle.create', { year, half: m <= 6 ? 1 : 2 });
    cycleId = halfYearContaining(`${month}-01`).id;
    kr = await create(cycleId);
  }
  return { id: kr.id as string, cycleId, month };
};

/** A manager with a rep whose open escalation they are assigned: their leaving hands it on. */
const leavingManager = async (t: Setup) => {
  const manager = await t.ok('person.create', {
    name: t.unique('北区副经理'),
    role: 'manager',
    regionId: 'region-north',
    managerId: 'person-liuyang',
    baseBonusCents: 1_500_000,
    joinedOn: '2025-03-01',
  });
  const rep = await t.ok('person.create', {
    name: t.unique('新同事'),
    role: 'sales',
    regionId: 'region-north',
    managerId: manager.id,
    baseBonusCents: 1_000_000,
    joinedOn: '2025-03-01',
  });
  const kr = await t.ok('keyResult.create', {
    cycleId: CYCLE,
    ownerType: 'person',
    ownerId: rep.id,
    title: t.unique('北区储能客户'),
    metric: 'number',
    baseline: 0,
    target: 6,
  });
  const e = await t.ok('escalation.raise', {
    krId: kr.id,
    month: MONTH,
    reason: 'blocker',
    detail: '缺样机',
  });
  return {
    id: manager.id as string,
    version: (manager.version ?? 1) as number,
    escalationId: e.id as string,
  };
};

const linked = async (t: Setup) => {
  const kr = await keyResult(t);
  const link = await t.ok('link.save', { krId: kr.id, objectiveId: 'obj-new-energy', weight: 50 });
  return { krId: kr.id, objectiveId: 'obj-new-energy', version: link.version as number };
};

const objective = async (t: Setup): Promise<Target> => {
  const o = await t.ok('objective.create', { cycleId: CYCLE, title: t.unique('拓展储能行业'), weight: 5 });
  return { id: o.id, version: o.version };
};

const escalation = async (t: Setup): Promise<Target> => {
  const kr = await keyResult(t);
  const e = await t.ok('escalation.raise', {
    krId: kr.id,
    month: MONTH,
    reason: 'blocker',
    detail: '客户要求第三方检测报告后才能立项',
  });
  return { id: e.id, version: e.version ?? 1 };
};

const keyAccount = async (t: Setup) =>
  (await t.ok('keyAccount.create', { name: t.unique('合肥储能设备有限公司'), ownerId: OWNER })) as Target;

/** A rep in region-north (away from the personas' regions, so peer-review rotations stay put). */
const person = async (t: Setup): Promise<Target> => {
  const p = await t.ok('person.create', {
    name: t.unique('新同事'),
    role: 'sales',
    regionId: 'region-north',
    managerId: 'person-liuyang',
    baseBonusCents: 1_000_000,
    joinedOn: '2025-03-01',
  });
  return { id: p.id, version: p.version ?? 1 };
};

/** A quarter of a fresh half-year cycle: nothing in it yet. */
const quarter = async (t: Setup): Promise<string> => {
  const year = t.year();
  await t.ok('cycle.create', { year, half: 1 });
  return `${year}-Q1`;
};

const POOL_STEPS = ['compute', 'approve', 'release'] as const;
/** A pool run of a fresh quarter, moved by HR through the first `steps`. */
const poolRun = async (t: Setup, steps: number): Promise<Target> => {
  let run = await t.ok('poolRun.create', { quarter: await quarter(t) }, 'hr');
  for (const step of POOL_STEPS.slice(0, steps))
    run = await t.ok(`poolRun.${step}`, { id: run.id, version: run.version }, 'hr');
  return { id: run.id, version: run.version };
};

/** The default settings with one threshold changed, so each proposal differs from the last. */
const settingsDoc = (t: Setup) => ({
  ...defaults,
  alignment: { ...defaults.alignment, minScore: 40 + (t.year() % 50) },
});
const window = async (t: Setup) => {
  const q = await quarter(t);
  await t.ok('peerReview.openWindow', { quarter: q }, 'hr');
  return q;
};
/** Each reviewer's first same-region colleague in the review rotation (plugin/domain/peer-assignments.ts). */
const REVIEWEE: Partial<Record<Persona, string>> = {
  sales: 'person-chenzhiqiang',
  manager: 'person-sunhao',
  otherSales: 'person-hejunjie',
  otherManager: 'person-liangxiaoyan',
};
const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };

const PEERS = ['sales', 'manager', 'otherSales', 'otherManager'] as const;
const OWN_WORK = ['admin', 'manager', 'sales'] as const;
const REGION_LEADS = ['admin', 'manager'] as const;
const PLANNERS = ['strategy', 'admin'] as const;
const HR = ['hr', 'admin'] as const;
const ADMIN = ['admin'] as const;
const PEOPLE_CHANGES = ['admin', 'hr'] as const;

const kr = (action: string) => (p: Target, result: Loose) => ({
  action,
  subjectType: 'keyResult',
  subjectId: result?.id ?? p.id,
});
const onTarget = (action: string, subjectType: string) => (p: Target) => ({
  action,
  subjectType,
  subjectId: p.id,
});
const inCycle = () => CYCLE;

/** A document versioned with plugin/app/versioned-document.ts: who writes it and how to make a version. */
interface VersionedDocumentCase {
  /** Command and audit prefix: `settings` gives `settings.propose` … `settings.rollback`. */
  kind: string;
  /** The audit rows' subject type. */
  auditSubject: string;
  /** Who may write it; the first one prepares the targets. */
  allowed: readonly [Persona, ...Persona[]];
  /** What `propose` takes besides the reason (`{ settings }`, `{ document }`). */
  document(t: Setup): Record<string, unknown>;
  reason: string;
  /** An older version than any the cases publish, and why one goes back to it. */
  rollback: { toVersion: number; reason: string };
}

const VERSIONED_DOCUMENTS: readonly VersionedDocumentCase[] = [
  {
    kind: 'settings',
    auditSubject: 'settings',
    allowed: HR,
    document: (t) => ({ settings: settingsDoc(t) }),
    reason: '下季度提高对齐要求',
    rollback: { toVersion: 1, reason: '新阈值试行结束，恢复原设置' },
  },
  {
    kind: 'rules',
    auditSubject: 'customRules',
    allowed: ADMIN,
    document: () => ({ document: LOW_CONFIDENCE_RULES }),
    reason: '信心连续偏低时预警',
    // Version 0 is the pack's own: no custom rules.
    rollback: { toVersion: 0, reason: '预警规则试行结束' },
  },
];

/** propose, publish, discard and rollback of one versioned document: the same four cases for each. */
function versionedDocumentCases(d: VersionedDocumentCase): UseCase[] {
  const editor = d.allowed[0];
  const audit = (step: string, version: unknown) => ({
    action: `${d.kind}.${step}`,
    subjectType: d.auditSubject,
    subjectId: String(version),
  });
  const proposal = async (t: Setup) =>
    (await t.ok(`${d.kind}.propose`, { ...d.document(t), reason: d.reason }, editor)).version as number;
  const byVersion = (step: 'publish' | 'discard') =>
    defineCase({
      command: `${d.kind}.${step}`,
      allowed: d.allowed,
      prepare: async (t: Setup) => ({ version: await proposal(t) }),
      input: (p: { version: number }) => ({ version: p.version }),
      audit: (p: { version: number }) => audit(step, p.version),
    });
  return [
    defineCase({
      command: `${d.kind}.propose`,
      allowed: d.allowed,
      prepare: async (t) => d.document(t),
      input: (p) => ({ ...p, reason: d.reason }),
      audit: (_p, r) => audit('propose', r.version),
    }),
    byVersion('publish'),
    byVersion('discard'),
    defineCase({
      command: `${d.kind}.rollback`,
      allowed: d.allowed,
      // Something to roll back from: a version published after the rollback target.
      prepare: async (t) => {
        await t.ok(`${d.kind}.publish`, { version: await proposal(t) }, editor);
        return {};
      },
      input: () => ({ ...d.rollback }),
      audit: (_p, r) => audit('rollback', r.version),
    }),
  ];
}

export const CASES: readonly UseCase[] = [
  // Key results
  defineCase({
    command: 'keyResult.create',
    allowed: OWN_WORK,
    prepare: async (t) => ({ title: t.unique('大客户复购') }),
    input: (p) => ({
      cycleId: CYCLE,
      ownerType: 'person',
      ownerId: OWNER,
      title: p.title,
      metric: 'number',
      baseline: 0,
      target: 8,
    }),
    cycle: inCycle,
    audit: (_p, r) => ({ action: 'keyResult.create', subjectType: 'keyResult', subjectId: r.id }),
  }),
  defineCase({
    command: 'keyResult.update',
    allowed: OWN_WORK,
    prepare: keyResult,
    input: (p) => ({ id: p.id, version: p.version, title: '新签储能客户 12 家' }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: kr('keyResult.update'),
  }),
  defineCase({
    command: 'keyResult.confirm',
    allowed: REGION_LEADS,
    prepare: keyResult,
    input: (p) => ({ id: p.id, version: p.version, confirmed: true }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: kr('keyResult.confirm'),
  }),
  defineCase({
    command: 'keyResult.sendBack',
    allowed: REGION_LEADS,
    prepare: keyResult,
    input: (p) => ({ id: p.id, version: p.version, reason: '请补充与新能源目标的对齐理由' }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: kr('keyResult.sendBack'),
  }),
  defineCase({
    command: 'keyResult.archive',
    allowed: REGION_LEADS,
    prepare: keyResult,
    input: (p) => ({ id: p.id, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: kr('keyResult.archive'),
  }),
  defineCase({
    command: 'keyResult.delete',
    allowed: REGION_LEADS,
    prepare: keyResult,
    input: (p) => ({ id: p.id, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('keyResult.delete', 'keyResult'),
  }),
  defineCase({
    command: 'keyResult.comment',
    // Whoever may read the KR: hr and strategy too, not the other region.
    allowed: ['admin', 'hr', 'strategy', 'manager', 'sales'],
    prepare: keyResult,
    input: (p) => ({ id: p.id, text: '下周一起拜访合肥的储能客户' }),
    audit: onTarget('keyResult.comment', 'keyResult'),
  }),
  defineCase({
    command: 'keyResult.comments',
    allowed: ['admin', 'hr', 'strategy', 'manager', 'sales'],
    prepare: keyResult,
    input: (p) => ({ id: p.id }),
  }),
  // Links of KRs to objectives
  defineCase({
    command: 'link.save',
    allowed: OWN_WORK,
    prepare: linked,
    input: (p) => ({ krId: p.krId, objectiveId: p.objectiveId, weight: 80, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: (p) => ({ action: 'link.update', subjectType: 'link', subjectId: `${p.krId}:${p.objectiveId}` }),
    // One weight rule with the board's channel (plugin/app/input.ts linkWeight): 0 to 100.
    refusals: [
      {
        title: 'a weight above 100',
        status: 400,
        code: 'invalid-request',
        input: (p) => ({ krId: p.krId, objectiveId: p.objectiveId, weight: 101, version: p.version }),
        params: () => ({ field: 'weight', reason: 'maximum', limit: 100 }),
      },
    ],
  }),
  defineCase({
    command: 'link.delete',
    allowed: OWN_WORK,
    prepare: linked,
    input: (p) => ({ krId: p.krId, objectiveId: p.objectiveId, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: (p) => ({ action: 'link.delete', subjectType: 'link', subjectId: `${p.krId}:${p.objectiveId}` }),
  }),
  defineCase({
    command: 'link.move',
    allowed: OWN_WORK,
    prepare: linked,
    input: (p) => ({
      krId: p.krId,
      fromObjectiveId: p.objectiveId,
      version: p.version,
      toObjectiveId: 'obj-high-margin',
      weight: 100,
    }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: (p) => ({ action: 'link.create', subjectType: 'link', subjectId: `${p.krId}:obj-high-margin` }),
  }),
  // Objectives
  defineCase({
    command: 'objective.create',
    allowed: PLANNERS,
    prepare: async (t) => ({ title: t.unique('提升高毛利产品占比') }),
    input: (p) => ({ cycleId: CYCLE, title: p.title, weight: 5 }),
    cycle: inCycle,
    audit: (_p, r) => ({ action: 'objective.create', subjectType: 'objective', subjectId: r.id }),
  }),
  defineCase({
    command: 'objective.update',
    allowed: PLANNERS,
    prepare: objective,
    input: (p) => ({ id: p.id, version: p.version, title: '拓展储能与光伏行业' }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('objective.update', 'objective'),
  }),
  defineCase({
    command: 'objective.archive',
    allowed: PLANNERS,
    prepare: objective,
    input: (p) => ({ id: p.id, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('objective.archive', 'objective'),
  }),
  defineCase({
    command: 'objective.delete',
    allowed: PLANNERS,
    prepare: objective,
    input: (p) => ({ id: p.id, version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('objective.delete', 'objective'),
  }),
  // Cycles
  defineCase({
    command: 'cycle.create',
    allowed: PLANNERS,
    prepare: async (t) => ({ year: t.year() }),
    input: (p) => ({ year: p.year, half: 2 }),
    audit: (_p, r) => ({ action: 'cycle.create', subjectType: 'cycle', subjectId: r.id }),
  }),
  defineCase({
    command: 'cycle.lock',
    allowed: PLANNERS,
    prepare: async (t) => {
      const year = t.year();
      await t.ok('cycle.create', { year, half: 1 });
      return { id: `cycle-${year}-h1` };
    },
    input: (p) => ({ id: p.id, locked: true }),
    audit: (p) => ({ action: 'cycle.lock', subjectType: 'cycle', subjectId: p.id }),
  }),
  defineCase({
    command: 'cycle.carryOver',
    allowed: PLANNERS,
    prepare: async (t) => {
      await t.okOr('cycle-exists', 'cycle.create', { year: 2026, half: 2 });
      return keyResult(t);
    },
    input: (p) => ({ cycleId: CYCLE, krIds: [p.id] }),
    cycle: () => NEXT_CYCLE,
    audit: (p) => ({
      action: 'keyResult.carryOver',
      subjectType: 'keyResult',
      subjectId: `${p.id}@${NEXT_CYCLE}`,
    }),
  }),
  // Organisation
  defineCase({
    command: 'region.create',
    allowed: ['admin'],
    prepare: async (t) => ({ name: t.unique('华东二区') }),
    input: (p) => ({ name: p.name }),
    audit: (_p, r) => ({ action: 'region.create', subjectType: 'region', subjectId: r.id }),
  }),
  defineCase({
    command: 'region.update',
    allowed: ['admin'],
    prepare: async (t) => (await t.ok('region.create', { name: t.unique('西北二区') })) as Target,
    input: (p) => ({ id: p.id, name: '西北新区' }),
    audit: onTarget('region.update', 'region'),
  }),
  defineCase({
    command: 'person.create',
    allowed: ['admin'],
    prepare: async (t) => ({ name: t.unique('新同事') }),
    input: (p) => ({ name: p.name, role: 'sales', regionId: 'region-north', managerId: 'person-liuyang' }),
    audit: (_p, r) => ({ action: 'person.create', subjectType: 'person', subjectId: r.id }),
  }),
  defineCase({
    command: 'person.update',
    allowed: ['admin'],
    prepare: person,
    input: (p) => ({ id: p.id, baseBonusCents: 1_200_000 }),
    audit: onTarget('person.update', 'person'),
  }),
  defineCase({
    command: 'person.leave',
    allowed: PEOPLE_CHANGES,
    prepare: leavingManager,
    input: (p) => ({
      id: p.id,
      version: p.version,
      on: '2026-06-20',
      reason: '个人原因离职',
      krs: 'archive',
    }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('person.leave', 'person'),
    // The open escalation they were assigned goes to their manager (no successor named).
    alsoAudits: (p) => [
      { action: 'escalation.assign', subjectType: 'escalation', subjectId: p.escalationId },
    ],
  }),
  defineCase({
    command: 'person.move',
    allowed: PEOPLE_CHANGES,
    prepare: person,
    input: (p) => ({
      id: p.id,
      version: p.version,
      on: '2026-06-20',
      reason: '调往华东支援新能源客户',
      toRegionId: 'region-central',
      managerId: 'person-zhanghaitao',
      krs: 'move',
    }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('person.move', 'person'),
  }),
  // Monthly follow-up
  defineCase({
    command: 'checkIn.save',
    allowed: OWN_WORK,
    prepare: owingKeyResult,
    input: (p) => ({ krId: p.id, month: p.month, value: 3, confidence: 7, blockers: '' }),
    cycle: (p) => p.cycleId,
    audit: (_p, r) => ({ action: 'checkIn.create', subjectType: 'checkIn', subjectId: r.id }),
    refusals: [
      {
        title: 'a month before the key result existed',
        status: 422,
        code: 'month-before-kr',
        input: (p) => ({ krId: p.id, month: monthBefore(p.month), value: 3, confidence: 7 }),
        params: (p) => ({ month: monthBefore(p.month), from: p.month }),
      },
    ],
  }),
  defineCase({
    command: 'escalation.raise',
    allowed: OWN_WORK,
    prepare: keyResult,
    input: (p) => ({ krId: p.id, month: MONTH, reason: 'resource-request', detail: '需要总部技术支持' }),
    cycle: inCycle,
    audit: (_p, r) => ({ action: 'escalation.raise', subjectType: 'escalation', subjectId: r.id }),
  }),
  defineCase({
    command: 'escalation.assign',
    allowed: ['admin', 'hr', 'manager'],
    prepare: escalation,
    input: (p) => ({ id: p.id, assigneeId: 'person-chenzhiqiang', version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('escalation.assign', 'escalation'),
  }),
  defineCase({
    command: 'escalation.comment',
    // Who takes part: the owner, the assignee, and whoever may raise, assign or resolve it.
    allowed: ['admin', 'hr', 'manager', 'sales'],
    prepare: escalation,
    input: (p) => ({ id: p.id, text: '质量部本周出具检测报告模板' }),
    cycle: inCycle,
    audit: onTarget('escalation.comment', 'escalation'),
  }),
  defineCase({
    command: 'escalation.resolve',
    allowed: REGION_LEADS,
    prepare: escalation,
    input: (p) => ({ id: p.id, resolution: '检测报告已提供，客户已立项', version: p.version }),
    version: (p) => p.version,
    cycle: inCycle,
    audit: onTarget('escalation.resolve', 'escalation'),
  }),
  defineCase({
    command: 'activity.save',
    allowed: ['admin', 'hr', 'manager'],
    prepare: none,
    input: () => ({
      personId: OWNER,
      month: MONTH,
      dealsSigned: 3,
      clientVisits: 9,
      proposalsSent: 6,
      proposalsWon: 2,
      dealsAmountCents: 48_000_000,
      highMarginAmountCents: 20_000_000,
      collectionsCents: 30_000_000,
    }),
    cycle: inCycle,
    audit: () => ({ action: 'activity.save', subjectType: 'activity', subjectId: `${OWNER}:${MONTH}` }),
  }),
  defineCase({
    command: 'keyAccount.create',
    allowed: ['admin', 'hr', 'manager', 'sales'],
    prepare: async (t) => ({ name: t.unique('苏州储能科技有限公司') }),
    input: (p) => ({ name: p.name, ownerId: OWNER }),
    audit: (_p, r) => ({ action: 'keyAccount.create', subjectType: 'keyAccount', subjectId: r.id }),
  }),
  defineCase({
    command: 'keyAccount.update',
    allowed: ['admin', 'hr', 'manager', 'sales'],
    prepare: keyAccount,
    input: (p) => ({ id: p.id, lastContactAt: '2026-06-10' }),
    audit: onTarget('keyAccount.update', 'keyAccount'),
  }),
  defineCase({
    command: 'keyAccount.touch',
    allowed: ['admin', 'hr', 'manager', 'sales'],
    prepare: keyAccount,
    input: (p) => ({ id: p.id }),
    audit: onTarget('keyAccount.touch', 'keyAccount'),
  }),
  defineCase({
    command: 'keyAccount.delete',
    allowed: ['admin', 'hr', 'manager'],
    prepare: keyAccount,
    input: (p) => ({ id: p.id }),
    audit: onTarget('keyAccount.delete', 'keyAccount'),
  }),
  // Peer reviews
  defineCase({
    command: 'peerReview.openWindow',
    allowed: HR,
    prepare: async (t) => ({ quarter: await quarter(t) }),
    input: (p) => ({ quarter: p.quarter }),
    audit: (p) => ({
      action: 'peerReviewWindow.open',
      subjectType: 'peerReviewWindow',
      subjectId: p.quarter,
    }),
  }),
  defineCase({
    command: 'peerReview.closeWindow',
    allowed: HR,
    prepare: async (t) => ({ quarter: await window(t) }),
    input: (p) => ({ quarter: p.quarter }),
    audit: (p) => ({
      action: 'peerReviewWindow.close',
      subjectType: 'peerReviewWindow',
      subjectId: p.quarter,
    }),
  }),
  defineCase({
    command: 'peerReview.submit',
    allowed: PEERS,
    prepare: async (t) => ({ quarter: await window(t) }),
    input: (p, as) => ({
      quarter: p.quarter,
      revieweeId: REVIEWEE[as] ?? OWNER,
      scores,
      comment: '协作很好',
    }),
    audit: (_p, r) => ({
      action: 'peerReview.create',
      subjectType: 'peerReview',
      subjectId: r.id,
      actor: 'none',
    }),
  }),
  defineCase({
    command: 'peerReview.update',
    allowed: PEERS,
    // The review is written by whoever then edits it; the refused personas get the sales rep's.
    prepare: async (t, as) => {
      const quarter = await window(t);
      const reviewer = PEERS.includes(as as never) ? as : 'sales';
      const review = await t.ok(
        'peerReview.submit',
        { quarter, revieweeId: REVIEWEE[reviewer], scores },
        reviewer,
      );
      return { id: review.id as string };
    },
    input: (p) => ({ id: p.id, scores: { ...scores, collaboration: 5 }, comment: '补充：跨区协作积极' }),
    audit: (p) => ({
      action: 'peerReview.update',
      subjectType: 'peerReview',
      subjectId: p.id,
      actor: 'none',
    }),
  }),
  // Quarterly pool
  defineCase({
    command: 'poolRun.create',
    allowed: HR,
    prepare: async (t) => ({ quarter: await quarter(t) }),
    input: (p) => ({ quarter: p.quarter }),
    audit: (_p, r) => ({ action: 'pool.create', subjectType: 'poolRun', subjectId: r.id }),
  }),
  ...(['compute', 'approve', 'release', 'lock'] as const).map((step, steps) =>
    defineCase({
      command: `poolRun.${step}`,
      allowed: HR,
      prepare: (t: Setup) => poolRun(t, steps),
      input: (p: Target) => ({ id: p.id, version: p.version }),
      version: (p: Target) => p.version,
      audit: onTarget(`pool.${step}`, 'poolRun'),
    }),
  ),
  defineCase({
    command: 'poolRun.delete',
    allowed: HR,
    prepare: (t) => poolRun(t, 1),
    input: (p) => ({ id: p.id, version: p.version }),
    version: (p) => p.version,
    audit: onTarget('pool.delete', 'poolRun'),
  }),
  // Versioned documents: the settings, the admin's own rules
  ...VERSIONED_DOCUMENTS.flatMap(versionedDocumentCases),
  // Form overlays (HR's changes to the pack's forms)
  defineCase({
    command: 'formOverlay.save',
    allowed: HR,
    prepare: async (t) => {
      await t.okOr('not-found', 'formOverlay.delete', { formId: 'check-in' }, 'hr');
      const saved = await t.ok('formOverlay.save', { formId: 'check-in', overlay: overlay('卡点') }, 'hr');
      return { version: saved.version as number };
    },
    input: (p) => ({ formId: 'check-in', overlay: overlay('需要的支持'), version: p.version }),
    version: (p) => p.version,
    audit: () => ({ action: 'overlay.update', subjectType: 'formOverlay', subjectId: 'check-in' }),
  }),
  defineCase({
    command: 'formOverlay.delete',
    allowed: HR,
    prepare: async (t) => {
      await t.okOr('not-found', 'formOverlay.delete', { formId: 'objective' }, 'hr');
      const saved = await t.ok('formOverlay.save', { formId: 'objective', overlay: objectiveOverlay }, 'hr');
      return { version: saved.version as number };
    },
    input: (p) => ({ formId: 'objective', version: p.version }),
    version: (p) => p.version,
    audit: () => ({ action: 'overlay.delete', subjectType: 'formOverlay', subjectId: 'objective' }),
  }),
  // The regions' group robots (the admin's): an address no resolver knows passes the save-time check.
  defineCase({ command: 'channel.list', allowed: ADMIN, prepare: none, input: () => ({}) }),
  defineCase({ command: 'channel.names', allowed: HR, prepare: none, input: () => ({}) }),
  defineCase({
    command: 'webhook.create',
    allowed: ADMIN,
    prepare: async (t) => ({ name: t.unique('华南群') }),
    input: (p) => ({ regionId: 'region-south', platform: 'dingtalk', name: p.name, url: ROBOT_URL }),
    audit: (_p, r) => ({ action: 'webhook.create', subjectType: 'webhook', subjectId: r.id }),
    refusals: [
      {
        title: 'an address into a private network',
        status: 400,
        code: 'webhook-private-address',
        input: (p) => ({ platform: 'dingtalk', name: p.name, url: 'http://10.0.0.8/robot' }),
        params: () => ({ host: '10.0.0.8', address: '10.0.0.8' }),
      },
      {
        title: 'a region that does not exist',
        status: 404,
        code: 'not-found',
        input: (p) => ({ regionId: 'region-nowhere', platform: 'wecom', name: p.name, url: ROBOT_URL }),
      },
    ],
  }),
  defineCase({
    command: 'webhook.update',
    allowed: ADMIN,
    prepare: robot,
    input: (p) => ({ id: p.id, version: p.version, enabled: false }),
    version: (p) => p.version,
    audit: (p) => ({ action: 'webhook.update', subjectType: 'webhook', subjectId: p.id }),
  }),
  defineCase({
    command: 'webhook.delete',
    allowed: ADMIN,
    prepare: robot,
    input: (p) => ({ id: p.id }),
    audit: (p) => ({ action: 'webhook.delete', subjectType: 'webhook', subjectId: p.id }),
  }),
  defineCase({ command: 'webhook.test', allowed: ADMIN, prepare: robot, input: (p) => ({ id: p.id }) }),
];

function overlay(title: string) {
  return {
    formId: 'check-in',
    entries: [{ op: 'relabel', field: 'blockers', title: { 'zh-CN': title, 'en-US': 'Blockers' } }],
  };
}
const objectiveOverlay = {
  formId: 'objective',
  entries: [{ op: 'relabel', field: 'title', title: { 'zh-CN': '战略目标', 'en-US': 'Objective' } }],
};
