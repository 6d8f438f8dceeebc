import { useAPIClient } from '@nocobase/client';
import { Alert, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import type { Objective } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/index.ts';
import { Frame, Outcome, useFormBlock } from './form-block-parts.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import { objectiveRequest, PACK_FORM_ACTIONS, refusingConflicts } from './pack-form-requests.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

export const OBJECTIVE_TEST_IDS = {
  block: 'okr-align-objective-form',
  picker: 'okr-align-objective-pick',
} as const;

const NEW = '__new__';

type StoredObjective = Objective & { version: number };

/** The cycle's objectives with their row versions (`okrAlign:objectives`), read again with the block. */
function useStoredObjectives(cycleId: string | undefined, generation: number) {
  const api = useAPIClient();
  const [stored, setStored] = useState<StoredObjective[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation (after a save) reads again
  useEffect(() => {
    if (!cycleId) return;
    let live = true;
    api
      .request<StoredObjective[]>({ url: PACK_FORM_ACTIONS.objectives, method: 'post', data: { cycleId } })
      .then((r) => live && setStored(r.data.data))
      .catch(() => live && setStored([]));
    return () => {
      live = false;
    };
  }, [api, cycleId, generation]);
  return stored;
}

/**
 * The pack's objective form on the board's cycle: strategy and admin create a strategic Objective or
 * change one; everyone else reads the list. The server checks the policy and the locked cycle.
 */
export function OkrObjectiveFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, outcome, run, renew, generation } = useFormBlock();
  const me = usePackUser();
  const [chosenId, setChosenId] = useState<string>(NEW);
  const stored = useStoredObjectives(data?.snapshot.cycle.id, generation);
  // The version the user saw travels with the edit: a change made meanwhile is a 409, not overwritten.
  const before = stored.find((o) => o.id === chosenId) ?? null;
  const mayWrite = !!me && can(me, before ? 'update' : 'create', { type: 'objective' });
  const context = useMemo<FormContext | null>(
    () =>
      data
        ? {
            settings: data.settings,
            lang,
            cycle: data.snapshot.cycle,
            objectives: data.snapshot.objectives,
            record: before ?? {
              cycleId: data.snapshot.cycle.id,
              // Root/admin accounts without a person pick the owner themselves.
              ownerId: data.snapshot.people.some((p) => p.id === me?.personId) ? me?.personId : undefined,
            },
            options: { people: data.snapshot.people.map((p) => ({ label: p.name, value: p.id })) },
          }
        : null,
    [data, lang, before, me],
  );
  const save = (record: FormRecord<'objective'>) =>
    run(() =>
      refusingConflicts(async () => {
        await api.request({ ...objectiveRequest(record, before), method: 'post', skipNotify: true });
        return undefined;
      }),
    );
  return (
    <Frame testId={OBJECTIVE_TEST_IDS.block} title={t('forms.objective')} error={error} loading={!data}>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <span>{t('objectives.pick')}</span>
        <Select
          data-testid={OBJECTIVE_TEST_IDS.picker}
          style={{ width: '100%' }}
          value={before ? before.id : mayWrite ? NEW : undefined}
          placeholder={t('objectives.pick')}
          onChange={setChosenId}
          options={[
            ...(mayWrite || before ? [{ value: NEW, label: t('objectives.new') }] : []),
            ...stored.map((o) => ({ value: o.id, label: `${o.title} · ${o.weight}` })),
          ]}
        />
      </Space>
      {!mayWrite ? (
        <Alert type="info" message={t('objectives.readOnly')} />
      ) : context ? (
        <PackForm
          key={`${chosenId}:${generation}:${JSON.stringify(before)}`}
          formId="objective"
          context={context}
          onSubmit={save}
        />
      ) : null}
      {outcome && <Outcome outcome={outcome} onReload={renew} />}
    </Frame>
  );
}
