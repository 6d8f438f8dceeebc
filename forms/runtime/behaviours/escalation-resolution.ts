import { isField, onFieldInit } from '@formily/core';
import dayjs from 'dayjs';
import type { Escalation, Id, IsoDateTime } from '../../../plugin/domain/index.ts';
import { addValidator, asString } from '../field-helpers.ts';
import { t } from '../locale.ts';
import { type FormBehaviour, langOf, nowOf } from './form-behaviour.ts';

export interface EscalationResolutionDraft {
  id: Id;
  assigneeId: Id | null;
  resolution: string;
  resolvedAt: IsoDateTime;
}

/** The date picker works in local time; records keep ISO instants. */
const PICKER_FORMAT = 'YYYY-MM-DD';

export const escalationResolutionBehaviour: FormBehaviour<EscalationResolutionDraft> = {
  needs: ['settings', 'escalation'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    const raisedAt = ctx.escalation?.raisedAt;
    onFieldInit('resolvedAt', (field) => {
      if (!isField(field) || !raisedAt) return;
      addValidator(field, (value) =>
        typeof value === 'string' && dayjs(value).isBefore(dayjs(raisedAt), 'day')
          ? t(lang, 'escalation.resolvedBeforeRaised', { raisedAt: dayjs(raisedAt).format(PICKER_FORMAT) })
          : undefined,
      );
    });
  },
  initialValues: (ctx) => {
    const e = ctx.escalation;
    return {
      reason: e?.reason,
      detail: e?.detail,
      assigneeId: e?.assigneeId ?? undefined,
      resolution: e?.resolution || undefined,
      resolvedAt: dayjs(e?.resolvedAt ?? nowOf(ctx)).format(PICKER_FORMAT),
    };
  },
  toRecord: (values, ctx) => {
    const escalation = ctx.escalation as Escalation;
    const picked = asString(values.resolvedAt);
    const now = nowOf(ctx);
    // Resolved today: keep the exact time so response times are not rounded to a day.
    const resolvedAt = dayjs(now).format(PICKER_FORMAT) === picked ? now : dayjs(picked).toISOString();
    return {
      id: escalation.id,
      assigneeId: asString(values.assigneeId) || null,
      resolution: asString(values.resolution).trim(),
      resolvedAt,
    };
  },
};
