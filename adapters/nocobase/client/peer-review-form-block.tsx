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

/** The reviews the signed-in person wrote (never with a reviewer id: the server leaves it out). */
function useMyReviews(generation: number): Omit<PeerReview, 'reviewerId'>[] {
  const api = useAPIClient();
  const [list, setList] = useState<Omit<PeerReview, 'reviewerId'>[]>([]);
  useEffect(() => {
    let live = true;
    void generation;
    api
      .request<Omit<PeerReview, 'reviewerId'>[]>({
        url: PACK_FORM_ACTIONS.myPeerReviews,
        method: 'post',
        data: {},
        skipNotify: true,
      })
      .then((res) => live && setList(res.data.data))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, [api, generation]);
  return list;
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
  const mine = useMyReviews(generation);
  const mayReview = !!me && can(me, 'create', { type: 'peerReview' });
  const names = useMemo(() => new Map((data?.snapshot.people ?? []).map((p) => [p.id, p.name])), [data]);
  const context = useMemo<FormContext | null>(
    () =>
      data && me
        ? {
            settings: data.settings,
            lang,
            cycle: data.snapshot.cycle,
            reviewerId: me.personId,
            options: {
              people: data.snapshot.people
                .filter((p) => p.role === 'sales' || p.role === 'manager')
                .map((p) => ({ label: p.name, value: p.id })),
            },
          }
        : null,
    [data, lang, me],
  );
  const save = (record: FormRecord<'peer-review'>) =>
    run(() =>
      refusingConflicts(async () => {
        await api.request({
          url: PACK_FORM_ACTIONS.submitPeerReview,
          method: 'post',
          data: peerReviewBody(record),
          skipNotify: true,
        });
        return undefined;
      }),
    );
  const done = mine.map((r) => `${r.quarter} ${names.get(r.revieweeId) ?? r.revieweeId}`);
  return (
    <Frame testId={PEER_REVIEW_TEST_IDS.block} title={t('forms.peerReview')} error={error} loading={!data}>
      {!mayReview || !context ? (
        <Alert type="info" message={t('peerReviews.noRole')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('peerReviews.anonymous')}</Typography.Paragraph>
          {done.length > 0 && (
            <Typography.Paragraph data-testid={PEER_REVIEW_TEST_IDS.done}>
              {t('peerReviews.done', { names: done.join('、') })}
            </Typography.Paragraph>
          )}
          <PackForm key={generation} formId="peer-review" context={context} onSubmit={save} />
        </>
      )}
      {outcome && <Outcome outcome={outcome} onReload={renew} />}
    </Frame>
  );
}
