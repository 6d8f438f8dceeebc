import { useAPIClient } from '@nocobase/client';
import { Alert, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import type { PeerReview } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/index.ts';
import { Frame, Outcome, useFormBlock } from './form-block-parts.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import { PACK_FORM_ACTIONS, peerReviewBody, refusingConflicts } from './pack-form-requests.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

export const PEER_REVIEW_TEST_IDS = {
  block: 'okr-align-peer-review-form',
  done: 'okr-align-peer-review-done',
} as const;

interface Assignments {
  window: { quarter: string } | null;
  reviewees: {
    personId: string;
    name: string;
    regionName: string;
    review: Omit<PeerReview, 'reviewerId'> | null;
  }[];
  done: number;
  total: number;
}

/** Whom the signed-in person reviews in the open window, with the reviews they wrote (never a reviewer id). */
function useAssignments(generation: number): Assignments | null {
  const api = useAPIClient();
  const [found, setFound] = useState<Assignments | null>(null);
  useEffect(() => {
    let live = true;
    void generation;
    api
      .request<Assignments>({
        url: PACK_FORM_ACTIONS.myPeerReviewAssignments,
        method: 'post',
        data: {},
        skipNotify: true,
      })
      .then((res) => live && setFound(res.data.data))
      .catch(() => live && setFound({ window: null, reviewees: [], done: 0, total: 0 }));
    return () => {
      live = false;
    };
  }, [api, generation]);
  return found;
}

/**
 * The pack's quarterly peer-review form for the signed-in rep or manager. The reviewer is whoever is
 * signed in (the server takes it from the session, never from the form) and is never shown back.
 */
export function OkrPeerReviewFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, outcome, run, renew, generation } = useFormBlock();
  const me = usePackUser();
  const assigned = useAssignments(generation);
  const mayReview = !!me && can(me, 'create', { type: 'peerReview' });
  const context = useMemo<FormContext | null>(
    () =>
      data && me && assigned?.window
        ? {
            settings: data.settings,
            lang,
            cycle: data.snapshot.cycle,
            reviewerId: me.personId,
            // Only the colleagues the settings assign to this reviewer, as the server accepts them.
            options: {
              people: assigned.reviewees.map((r) => ({
                label: `${r.name}${r.regionName ? ` · ${r.regionName}` : ''}${r.review ? ` ✓` : ''}`,
                value: r.personId,
              })),
            },
          }
        : null,
    [data, lang, me, assigned],
  );
  const save = (record: FormRecord<'peer-review'>) =>
    run(() =>
      refusingConflicts(async () => {
        // A colleague already reviewed in this window: the review is edited, not written twice.
        const written = assigned?.reviewees.find((r) => r.personId === record.revieweeId)?.review;
        const body = peerReviewBody(record);
        await api.request({
          url: written ? PACK_FORM_ACTIONS.updatePeerReview : PACK_FORM_ACTIONS.submitPeerReview,
          method: 'post',
          data: written ? { id: written.id, scores: body.scores, comment: record.comment ?? '' } : body,
          skipNotify: true,
        });
        return undefined;
      }),
    );
  return (
    <Frame testId={PEER_REVIEW_TEST_IDS.block} title={t('forms.peerReview')} error={error} loading={!data}>
      {!mayReview ? (
        <Alert type="info" message={t('peerReviews.noRole')} />
      ) : !assigned ? null : !context ? (
        <Alert type="info" message={t('peerReviews.noWindow')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('peerReviews.anonymous')}</Typography.Paragraph>
          <Typography.Paragraph data-testid={PEER_REVIEW_TEST_IDS.done}>
            {t('peerReviews.progress', {
              quarter: assigned.window?.quarter,
              done: assigned.done,
              total: assigned.total,
            })}
          </Typography.Paragraph>
          <PackForm key={generation} formId="peer-review" context={context} onSubmit={save} />
        </>
      )}
      {outcome && <Outcome outcome={outcome} onReload={renew} />}
    </Frame>
  );
}
