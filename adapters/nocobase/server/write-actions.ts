import { cycleMonths } from '../../../plugin/domain/dates.ts';
import type { KeyResult, TargetRevision } from '../../../plugin/domain/types.ts';
import type { PackService } from './pack-service.ts';
import {
  type Body,
  bodyOf,
  id,
  MONTH,
  noCustomValues,
  number,
  oneOf,
  onlyKeys,
  refuse,
  rowVersion,
  text,
} from './requests.ts';
import { allow, announceOn, cycleOpen, krSubjectOf, loadKeyResult } from './write-support.ts';

type Handler = (service: PackService, p: Body) => Promise<unknown>;

const stale = (what: string, current: { version: number }, sent: number | null) =>
  refuse(
    409,
    'stale-version',
    sent === null
      ? `${what}: it exists already (version ${current.version}); reload and change the current row`
      : `${what}: your version ${sent} is older than the stored version ${current.version}; reload and apply your change to the current row`,
    { ok: false, reason: 'stale', current },
  );

/** Fields of a KR a writer may change, as the reference host's `PATCH /api/key-results/:id`. */
const KR_FIELDS = [
  'title',
  'metric',
  'baseline',
  'target',
  'unit',
  'focusTags',
  'rationale',
  'evidence',
  'updateIntervalDays',
  'custom',
] as const;
type KrPatch = Partial<
  Pick<
    KeyResult,
    | 'title'
    | 'metric'
    | 'baseline'
    | 'target'
    | 'unit'
    | 'focusTags'
    | 'rationale'
    | 'evidence'
    | 'updateIntervalDays'
  >
>;

/** The KR patch, checked with the reference host's limits. */
export function checkKrPatch(raw: unknown): KrPatch {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw refuse(400, 'invalid-body', '"patch" must be an object of key-result fields');
  }
  const p = raw as Body;
  onlyKeys(p, KR_FIELDS, 'key result');
  noCustomValues(p.custom, 'key-result');
  const out: KrPatch = {};
  if (p.title !== undefined) out.title = text(p.title, 'title', 300, 1);
  if (p.metric !== undefined)
    out.metric = oneOf(p.metric, 'metric', ['number', 'percent', 'currency', 'milestone'] as const);
  if (p.baseline !== undefined) out.baseline = number(p.baseline, 'baseline');
  if (p.target !== undefined) out.target = number(p.target, 'target');
  if (p.unit !== undefined) out.unit = text(p.unit, 'unit', 40);
  if (p.focusTags !== undefined) {
    if (!Array.isArray(p.focusTags) || p.focusTags.length > 20) {
      throw refuse(400, 'invalid-body', '"focusTags" must be a list of at most 20 tags');
    }
    out.focusTags = p.focusTags.map((t, i) => text(t, `focusTags[${i}]`, 60, 1));
  }
  if (p.rationale !== undefined) out.rationale = text(p.rationale, 'rationale', 4000);
  if (p.evidence !== undefined) out.evidence = text(p.evidence, 'evidence', 4000);
  if (p.updateIntervalDays !== undefined) {
    const d = p.updateIntervalDays;
    out.updateIntervalDays = d === null ? null : number(d, 'updateIntervalDays', { min: 1, max: 365 });
    if (out.updateIntervalDays !== null && !Number.isInteger(out.updateIntervalDays)) {
      throw refuse(400, 'invalid-body', '"updateIntervalDays" must be a whole number of days or null');
    }
  }
  return out;
}

const CHECK_IN_FIELDS = [
  'krId',
  'month',
  'value',
  'selfColour',
  'colourNote',
  'blockers',
  'resourceRequest',
  'confidence',
  'custom',
] as const;
const RESOURCE_KINDS = ['people', 'budget', 'technical-support', 'pricing', 'other'] as const;

/** The check-in body, checked as the reference host's `PUT /api/key-results/:id/check-ins/:month`. */
export function checkCheckIn(b: Body) {
  onlyKeys(b, CHECK_IN_FIELDS, 'check-in');
  const krId = id(b.krId, 'krId');
  const month = text(b.month, 'month', 7, 7);
  if (!MONTH.test(month)) throw refuse(400, 'invalid-body', '"month" must be a month YYYY-MM');
  if (b.value === undefined || b.confidence === undefined) {
    throw refuse(400, 'invalid-body', 'check-in: give "value" and "confidence"');
  }
  let resourceRequest: { kind: (typeof RESOURCE_KINDS)[number]; detail: string } | null = null;
  if (b.resourceRequest != null) {
    const r = b.resourceRequest as Body;
    if (typeof r !== 'object' || Array.isArray(r)) {
      throw refuse(400, 'invalid-body', '"resourceRequest" must be {kind, detail} or null');
    }
    onlyKeys(r, ['kind', 'detail'], 'resourceRequest');
    resourceRequest = {
      kind: oneOf(r.kind, 'resourceRequest.kind', RESOURCE_KINDS),
      detail: text(r.detail, 'resourceRequest.detail', 2000),
    };
  }
  noCustomValues(b.custom, 'check-in');
  return {
    krId,
    month,
    input: {
      value: number(b.value, 'value'),
      selfColour:
        b.selfColour === undefined
          ? null
          : oneOf(b.selfColour, 'selfColour', ['green', 'amber', 'red', null] as const),
      colourNote: b.colourNote === undefined ? '' : text(b.colourNote, 'colourNote', 2000),
      blockers: b.blockers === undefined ? '' : text(b.blockers, 'blockers', 4000),
      resourceRequest,
      confidence: number(b.confidence, 'confidence', { min: 0, max: 10 }),
    },
  };
}

/**
 * The pack's write actions. Each checks the pack policy on the record's owner and region, refuses
 * locked cycles and writes in one transaction with row versions; once committed, the change is
 * announced on the board (by the data port for KRs and links, here for check-ins).
 */
export const WRITE_ACTIONS: Record<string, Handler> = {
  async saveLink(s, p) {
    const krId = id(p.krId, 'krId');
    const objectiveId = id(p.objectiveId, 'objectiveId');
    const weight = number(p.weight, 'weight', { min: 0, max: 100 });
    const expected = p.expectedVersion == null ? null : rowVersion(p.expectedVersion, 'expectedVersion');
    const kr = await loadKeyResult(s, krId);
    const subject = await krSubjectOf(s, kr, 'link');
    allow(s, expected === null ? 'create' : 'update', subject, 'link');
    await cycleOpen(s, kr.cycleId);
    const objective = await s.data.get('objectives', objectiveId);
    if (!objective) throw refuse(404, 'not-found', `objective "${objectiveId}" does not exist; check the id`);
    if (objective.cycleId !== kr.cycleId) {
      throw refuse(
        400,
        'other-cycle',
        `link: objective ${objectiveId} belongs to cycle ${objective.cycleId}, the key result to ${kr.cycleId}; link within one cycle`,
      );
    }
    const result = await s.data.saveLink(krId, { objectiveId, weight }, expected);
    if (result.ok === false) {
      if (result.reason === 'stale') throw stale(`link ${krId} → ${objectiveId}`, result.current, expected);
      throw refuse(
        409,
        'link-gone',
        `link ${krId} → ${objectiveId}: it was removed; create it again`,
        result,
      );
    }
    return result.record;
  },

  async deleteLink(s, p) {
    const krId = id(p.krId, 'krId');
    const objectiveId = id(p.objectiveId, 'objectiveId');
    const expected = rowVersion(p.expectedVersion, 'expectedVersion');
    const kr = await loadKeyResult(s, krId);
    const subject = await krSubjectOf(s, kr, 'link');
    allow(s, 'delete', subject, 'link');
    await cycleOpen(s, kr.cycleId);
    const result = await s.data.deleteLink(krId, objectiveId, expected);
    if (result.ok === false) {
      if (result.reason === 'stale') throw stale(`link ${krId} → ${objectiveId}`, result.current, expected);
      throw refuse(404, 'not-found', `link "${krId} → ${objectiveId}" does not exist; check the ids`);
    }
    return result.record;
  },

  async updateKeyResult(s, p) {
    const b = bodyOf(p);
    onlyKeys(b, ['id', 'patch', 'expectedVersion', 'targetReason'], 'updateKeyResult');
    const krId = id(b.id, 'id');
    const expected = rowVersion(b.expectedVersion, 'expectedVersion');
    const patch = checkKrPatch(b.patch);
    const targetReason =
      b.targetReason === undefined ? undefined : text(b.targetReason, 'targetReason', 1000, 1);
    const before = await loadKeyResult(s, krId);
    const subject = await krSubjectOf(s, before, 'keyResult');
    allow(s, 'update', subject, 'key result');
    await cycleOpen(s, before.cycleId);
    if (before.version !== expected) throw stale(`key result ${krId}`, before, expected);
    const at = s.now();
    const targetHistory: TargetRevision[] = [...before.targetHistory];
    if (patch.target !== undefined && patch.target !== before.target) {
      if (!targetReason) {
        throw refuse(
          400,
          'target-reason-required',
          `key result ${krId}: a revised target needs a reason (field "targetReason")`,
        );
      }
      targetHistory.push({
        at,
        previousTarget: before.target,
        newTarget: patch.target,
        reason: targetReason,
      });
    }
    const rationaleChanged = patch.rationale !== undefined && patch.rationale !== before.rationale;
    const result = await s.data.updateKeyResult(
      krId,
      { ...patch, targetHistory, rationaleAt: rationaleChanged ? at : before.rationaleAt },
      expected,
    );
    if (result.ok === false) {
      if (result.reason === 'stale') throw stale(`key result ${krId}`, result.current, expected);
      throw refuse(404, 'not-found', `key result "${krId}" does not exist; check the id`);
    }
    return result.record;
  },

  async saveCheckIn(s, p) {
    const { krId, month, input } = checkCheckIn(bodyOf(p));
    const kr = await loadKeyResult(s, krId);
    const existing = await s.checkIns.find(krId, month);
    const subject = await krSubjectOf(s, kr, 'checkIn');
    allow(s, existing ? 'update' : 'create', subject, 'check-in');
    await cycleOpen(s, kr.cycleId);
    const cycle = await s.data.get('cycles', kr.cycleId);
    if (cycle && !cycleMonths(cycle).includes(month)) {
      throw refuse(
        400,
        'month-outside-cycle',
        `check-in: month ${month} is not in cycle ${cycle.name}; pick a month of the cycle`,
      );
    }
    const { checkIn } = await s.checkIns.save(krId, month, input);
    announceOn(s, subject, { type: 'checkIn.saved', id: checkIn.id, record: checkIn });
    return checkIn;
  },
};
