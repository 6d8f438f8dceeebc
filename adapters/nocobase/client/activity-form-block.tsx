import { useAPIClient } from '@nocobase/client';
import { Alert, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import { cycleMonths } from '../../../plugin/domain/dates.ts';
import { can } from '../../../plugin/sdk/index.ts';
import { Frame, Outcome, useFormBlock } from './form-block-parts.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import { activityBody, PACK_FORM_ACTIONS, refusingConflicts } from './pack-form-requests.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

export const ACTIVITY_TEST_IDS = { block: 'okr-align-activity-form' } as const;

/**
 * The pack's monthly activity form (system data entered by hand): a manager for their region's
 * people, hr and admins for anyone. Picking a person and month loads what is stored; saving replaces it.
 */
export function OkrActivityFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, outcome, run, renew, generation } = useFormBlock();
  const me = usePackUser();
  const people = useMemo(
    () =>
      (data?.snapshot.people ?? []).filter(
        (p) =>
          me &&
          p.role === 'sales' &&
          can(me, 'update', { type: 'activity', ownerPersonId: p.id, regionId: p.regionId }),
      ),
    [data, me],
  );
  const months = data ? cycleMonths(data.snapshot.cycle) : [];
  const [pick, setPick] = useState<{ personId?: string; month?: string }>({});
  const personId = pick.personId ?? people[0]?.id;
  const month = pick.month ?? months.at(-1);
  const stored = data?.snapshot.activities.find((a) => a.personId === personId && a.month === month);
  const context = useMemo<FormContext | null>(
    () =>
      data && personId && month
        ? {
            settings: data.settings,
            lang,
            cycle: data.snapshot.cycle,
            record: stored ?? { personId, month },
            options: { people: people.map((p) => ({ label: p.name, value: p.id })) },
          }
        : null,
    [data, lang, people, personId, month, stored],
  );
  const save = (record: FormRecord<'activity'>) =>
    run(() =>
      refusingConflicts(async () => {
        await api.request({
          url: PACK_FORM_ACTIONS.saveActivity,
          method: 'post',
          data: activityBody(record),
          skipNotify: true,
        });
        return undefined;
      }),
    );
  return (
    <Frame testId={ACTIVITY_TEST_IDS.block} title={t('forms.activity')} error={error} loading={!data}>
      {!context ? (
        <Alert type="info" message={t('activities.noPeople')} />
      ) : (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <Select
              style={{ minWidth: 200 }}
              showSearch
              optionFilterProp="label"
              value={personId}
              onChange={(v: string) => setPick((p) => ({ ...p, personId: v }))}
              options={people.map((p) => ({ value: p.id, label: p.name }))}
            />
            <Select
              style={{ minWidth: 120 }}
              value={month}
              onChange={(v: string) => setPick((p) => ({ ...p, month: v }))}
              options={months.map((m) => ({ value: m, label: m }))}
            />
          </Space>
          <PackForm
            // The stored values are part of the key: the reload after a save brings them in later.
            key={`${personId}:${month}:${generation}:${JSON.stringify(stored ?? null)}`}
            formId="activity"
            context={context}
            onSubmit={save}
          />
        </>
      )}
      {outcome && <Outcome outcome={outcome} onReload={renew} />}
    </Frame>
  );
}
