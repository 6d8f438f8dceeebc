import { isField, onFieldInit } from '@formily/core';
import { PEER_DIMENSIONS, type PeerDimension, type PeerReview } from '../../../plugin/domain/index.ts';
import { addValidator, asNumber, asRecord, asString } from '../field-helpers.ts';
import { t } from '../locale.ts';
import type { EnumOption } from '../schema-node.ts';
import { type FormBehaviour, langOf, recordOf } from './form-behaviour.ts';

export type PeerReviewDraft = Omit<PeerReview, 'id'> & { id?: string };

export const peerReviewBehaviour: FormBehaviour<PeerReviewDraft> = {
  needs: ['settings', 'reviewerId'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    onFieldInit('revieweeId', (field) => {
      if (!isField(field)) return;
      // Shown but disabled, so people see why they are not in the list to choose.
      field.dataSource = (field.dataSource as EnumOption[]).map((o) =>
        o.value === ctx.reviewerId ? { ...o, disabled: true } : o,
      );
      addValidator(field, (value) => (value === ctx.reviewerId ? t(lang, 'peerReview.notSelf') : undefined));
    });
  },
  initialValues: (ctx) => {
    const record = recordOf<PeerReview>(ctx);
    return {
      quarter: record.quarter,
      revieweeId: record.revieweeId,
      scores: record.scores,
      comment: record.comment,
    };
  },
  toRecord: (values, ctx) => {
    const record = recordOf<PeerReview>(ctx);
    const scores = asRecord(values.scores);
    return {
      ...(record.id ? { id: record.id } : {}),
      quarter: asString(values.quarter),
      reviewerId: ctx.reviewerId ?? '',
      revieweeId: asString(values.revieweeId),
      scores: Object.fromEntries(PEER_DIMENSIONS.map((d) => [d, asNumber(scores[d]) ?? 0])) as Record<
        PeerDimension,
        number
      >,
      comment: asString(values.comment).trim(),
    };
  },
};
