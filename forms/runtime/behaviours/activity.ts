import { isField, onFieldInit, onFieldValueChange } from '@formily/core';
import type { Activity } from '../../../plugin/domain/index.ts';
import { addValidator, asNumber, asString, revalidate } from '../field-helpers.ts';
import { t } from '../locale.ts';
import { type FormBehaviour, langOf, recordOf } from './form-behaviour.ts';

/** The form shows yuan with two decimals; records keep integer cents. */
const toCents = (yuan: unknown): number => Math.round((asNumber(yuan) ?? 0) * 100);
const toYuan = (cents: number | undefined): number | undefined =>
  cents === undefined ? undefined : cents / 100;

/** Pairs where the first field may not exceed the second. */
const NOT_ABOVE = [
  {
    field: 'highMarginAmount',
    limit: 'dealsAmount',
    key: 'activity.highMarginExceedsDeals',
    a: 'highMargin',
    b: 'deals',
  },
  { field: 'proposalsWon', limit: 'proposalsSent', key: 'activity.wonExceedsSent', a: 'won', b: 'sent' },
] as const;

export const activityBehaviour: FormBehaviour<Activity> = {
  needs: ['settings'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    for (const rule of NOT_ABOVE) {
      onFieldInit(rule.field, (field) => {
        if (!isField(field)) return;
        addValidator(field, (value) => {
          const own = asNumber(value);
          const limit = asNumber(field.form.values[rule.limit]);
          return own !== undefined && limit !== undefined && own > limit
            ? t(lang, rule.key, { [rule.a]: own, [rule.b]: limit })
            : undefined;
        });
      });
      onFieldValueChange(rule.limit, (_field, form) => {
        const dependent = form.query(rule.field).take();
        if (dependent && isField(dependent) && dependent.modified) revalidate(dependent);
      });
    }
  },
  initialValues: (ctx) => {
    const record = recordOf<Activity>(ctx);
    return {
      personId: record.personId,
      month: record.month,
      dealsSigned: record.dealsSigned,
      dealsAmount: toYuan(record.dealsAmountCents),
      highMarginAmount: toYuan(record.highMarginAmountCents),
      clientVisits: record.clientVisits,
      proposalsSent: record.proposalsSent,
      proposalsWon: record.proposalsWon,
      collections: toYuan(record.collectionsCents),
    };
  },
  toRecord: (values) => ({
    personId: asString(values.personId),
    month: asString(values.month),
    dealsSigned: asNumber(values.dealsSigned) ?? 0,
    dealsAmountCents: toCents(values.dealsAmount),
    highMarginAmountCents: toCents(values.highMarginAmount),
    clientVisits: asNumber(values.clientVisits) ?? 0,
    proposalsSent: asNumber(values.proposalsSent) ?? 0,
    proposalsWon: asNumber(values.proposalsWon) ?? 0,
    collectionsCents: toCents(values.collections),
  }),
};
