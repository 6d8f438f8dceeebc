import { randomUUID } from 'node:crypto';
import { firstOwedMonth } from '../../domain/kr-lifetime.ts';
import type { Colour, Id, ResourceRequest } from '../../domain/types.ts';
import { defineCommand } from '../command.ts';
import { checkCustomValues, customValuesSchema } from '../custom-values.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { loadKeyResult, monthInCycle, openCycle } from '../guards.ts';
import { amount, id, month, text } from '../input.ts';
import type { AppRecords, CustomValues } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { krSubject } from '../subjects.ts';
import { liveKeyResult } from './archive-guard.ts';
import { valueRange } from './kr-bounds.ts';

type StoredCheckIn = AppRecords['checkIns'];

export interface CheckInInput {
  krId: Id;
  month: string;
  value: number;
  selfColour?: Colour | null;
  colourNote?: string;
  blockers?: string;
  resourceRequest?: ResourceRequest | null;
  confidence: number;
  custom?: CustomValues | null;
}

export const saveCheckIn = defineCommand({
  name: 'checkIn.save',
  summary:
    "Report a key result's value and confidence for a month (creates or replaces that month's check-in)",
  changesRules: true,
  pathParams: ['krId', 'month'],
  input: {
    type: 'object',
    required: ['krId', 'month', 'value', 'confidence'],
    additionalProperties: false,
    properties: {
      krId: id,
      month,
      value: amount,
      selfColour: { enum: ['green', 'amber', 'red', null] },
      colourNote: text(2000),
      blockers: text(4000),
      resourceRequest: {
        type: ['object', 'null'],
        required: ['kind', 'detail'],
        additionalProperties: false,
        properties: {
          kind: { enum: ['people', 'budget', 'technical-support', 'pricing', 'other'] },
          detail: text(2000),
        },
      },
      confidence: { type: 'number', minimum: 0, maximum: 10 },
      custom: customValuesSchema,
    },
  },
  async run(ctx, b: CheckInInput): Promise<{ checkIn: StoredCheckIn; created: boolean }> {
    const { tx } = ctx;
    const kr = await loadKeyResult(tx, b.krId);
    const [before = null] = await tx.find('checkIns', { krId: kr.id, month: b.month });
    const subject = await krSubject(tx, kr, 'checkIn');
    ctx.allow(before ? 'update' : 'create', subject, 'check-in');
    monthInCycle(await openCycle(tx, kr.cycleId), b.month, 'check-in');
    liveKeyResult(kr, 'check-in');
    // Every evaluation ignores a month before the KR existed (plugin/domain/kr-lifetime.ts): refuse it.
    const from = firstOwedMonth(kr);
    if (b.month < from)
      throw unprocessable(
        'month-before-kr',
        `check-in: key result ${kr.id} was created in ${from}; it owes check-ins from ${from} on, not for ${b.month}`,
        { params: { month: b.month, from } },
      );
    const { min, max } = valueRange(kr);
    if (b.value < min || b.value > max)
      throw badRequest(
        'value-out-of-range',
        `check-in: value ${b.value} is outside ${min} … ${max} for key result ${kr.id} (a ${kr.metric} from ${kr.baseline} to ${kr.target}); enter a value in that range`,
        { params: { value: b.value, min, max } },
      );
    const custom = await checkCustomValues(tx, 'check-in', b.custom, before?.custom ?? null);
    const checkIn: StoredCheckIn = {
      id: before?.id ?? randomUUID(),
      krId: kr.id,
      month: b.month,
      value: b.value,
      selfColour: b.selfColour ?? null,
      colourNote: b.colourNote ?? '',
      submittedAt: ctx.now,
      blockers: b.blockers ?? '',
      resourceRequest: b.resourceRequest ?? null,
      confidence: b.confidence,
      custom,
    };
    if (before) await tx.update('checkIns', before.id, checkIn);
    else await tx.insert('checkIns', checkIn);
    await recordChange(
      ctx,
      {
        action: before ? 'checkIn.update' : 'checkIn.create',
        subjectType: 'checkIn',
        subjectId: checkIn.id,
        before,
        after: checkIn,
      },
      {
        cycleId: kr.cycleId,
        message: { type: 'checkIn.saved', id: checkIn.id, krId: checkIn.krId, record: checkIn },
        about: subject,
      },
    );
    return { checkIn, created: !before };
  },
});
