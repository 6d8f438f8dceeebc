import { useAPIClient } from '@nocobase/client';
import { Alert } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import { FORM_BLOCK_TEST_IDS, Frame, KrPicker, Outcome, useFormBlock } from './form-block-parts.tsx';
import { checkInBody, FORM_ACTIONS } from './form-requests.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useWidgetLocale } from './use-board-data.ts';

/** The pack's check-in form (colour suggested from the pace, a note when the colour differs) on one KR. */
export function OkrCheckInFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, choice, outcome, run, renew, generation } = useFormBlock();
  const kr = choice.kr;
  const context = useMemo<FormContext | null>(
    () => (data && kr ? { settings: data.settings, lang, keyResult: kr, cycle: data.snapshot.cycle } : null),
    [data, kr, lang],
  );
  const save = (record: FormRecord<'check-in'>) =>
    run(async () => {
      await api.request({
        url: FORM_ACTIONS.checkIn,
        method: 'post',
        data: checkInBody(record),
        skipNotify: true,
      });
      return undefined;
    });
  return (
    <Frame testId={FORM_BLOCK_TEST_IDS.checkIn} title={t('forms.checkIn')} error={error} loading={!data}>
      {!kr || !context ? (
        <Alert type="info" message={t('forms.noKr')} />
      ) : (
        <>
          <KrPicker value={kr.id} options={choice.options} onChange={choice.choose} />
          <PackForm key={`${kr.id}:${generation}`} formId="check-in" context={context} onSubmit={save} />
          {outcome && <Outcome outcome={outcome} onReload={renew} />}
        </>
      )}
    </Frame>
  );
}
