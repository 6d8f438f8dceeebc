import { useAPIClient } from '@nocobase/client';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import type { KeyResult } from '../../../plugin/domain/types.ts';
import { FORM_BLOCK_TEST_IDS, Frame, KrPicker, Outcome, useFormBlock } from './form-block-parts.tsx';
import { submitProblem } from './form-errors.ts';
import {
  blankKeyResult,
  changedLinks,
  FORM_ACTIONS,
  keyResultCreateBody,
  keyResultUpdateBody,
  ownerChanged,
  removedLinks,
} from './form-requests.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

const NEW = '__new__';

/**
 * The pack's key-result form (live alignment score, rationale required below the minimum) on one KR,
 * or on a new KR the signed-in person proposes for themself.
 */
export function OkrKeyResultFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const me = usePackUser();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, choice, outcome, setOutcome, run, renew, generation } = useFormBlock();
  const [creating, setCreating] = useState(false);
  const proposable = data && me?.personId && data.snapshot.people.some((p) => p.id === me.personId);
  // With no KR yet in the cycle, a person starts on a new one.
  const isNew = Boolean(proposable) && (creating || !choice.kr);
  const kr = isNew && data && me ? blankKeyResult(data.snapshot.cycle.id, me.personId, data.at) : choice.kr;
  const context = useMemo<FormContext | null>(
    () =>
      data && kr
        ? {
            settings: data.settings,
            lang,
            record: kr,
            cycle: data.snapshot.cycle,
            objectives: data.snapshot.objectives,
            options: {
              people: data.snapshot.people.map((p) => ({ label: p.name, value: p.id })),
              regions: data.snapshot.regions.map((r) => ({ label: r.name, value: r.id })),
            },
          }
        : null,
    [data, kr, lang],
  );
  const create = (record: FormRecord<'key-result'>) =>
    run(async () => {
      const created = await api.request<KeyResult>({
        url: FORM_ACTIONS.createKeyResult,
        method: 'post',
        data: keyResultCreateBody(record),
        skipNotify: true,
      });
      const id = created.data.data.id;
      for (const link of record.links) await saveLink(api, id, link);
      setCreating(false);
      choice.choose(id);
      return created.data.data.version;
    });
  const save = (record: FormRecord<'key-result'>, before: KeyResult) => {
    if (isNew) return create(record);
    if (ownerChanged(record, before)) return setOutcome({ kind: 'invalid', message: t('forms.ownerFixed') });
    return run(async () => {
      const saved = await api.request<KeyResult>({
        url: FORM_ACTIONS.keyResult,
        method: 'post',
        data: keyResultUpdateBody(record, before),
        skipNotify: true,
      });
      for (const link of changedLinks(record, before)) await saveLink(api, before.id, link);
      for (const objectiveId of removedLinks(record, before)) await deleteLink(api, before.id, objectiveId);
      return saved.data.data.version;
    });
  };
  return (
    <Frame testId={FORM_BLOCK_TEST_IDS.keyResult} title={t('forms.keyResult')} error={error} loading={!data}>
      {!kr || !context ? (
        <Alert type="info" message={t('forms.noKr')} />
      ) : (
        <>
          <KrPicker
            value={isNew ? NEW : kr.id}
            options={
              proposable ? [{ value: NEW, label: t('forms.newKr') }, ...choice.options] : choice.options
            }
            onChange={(id) => {
              setCreating(id === NEW);
              if (id !== NEW) choice.choose(id);
            }}
          />
          <PackForm
            key={`${isNew ? NEW : kr.id}:${kr.version}:${generation}`}
            formId="key-result"
            context={context}
            onSubmit={(record) => save(record, kr)}
          />
          {outcome && <Outcome outcome={outcome} onReload={renew} />}
        </>
      )}
    </Frame>
  );
}

type Api = ReturnType<typeof useAPIClient>;

/**
 * Link writes from the form take the link's current row version from the server's 409 answer, as the
 * board's drag does: the KR itself is the record the form guards with its version.
 */
async function atCurrentVersion(
  write: (expectedVersion: number | null) => Promise<unknown>,
  first: number | null,
) {
  try {
    await write(first);
  } catch (e) {
    const problem = submitProblem(e);
    if (problem.kind !== 'stale' || problem.version === null) throw e;
    await write(problem.version);
  }
}

/** A new link, or a new weight at the link's current version. */
async function saveLink(api: Api, krId: string, link: { objectiveId: string; weight: number }) {
  await atCurrentVersion(
    (expectedVersion) =>
      api.request({
        url: 'okrAlign:saveLink',
        method: 'post',
        data: { krId, ...link, ...(expectedVersion === null ? {} : { version: expectedVersion }) },
        skipNotify: true,
      }),
    null,
  );
}

/** Removes a link at its current version (a first guess of 1, the version of a link never changed). */
async function deleteLink(api: Api, krId: string, objectiveId: string) {
  await atCurrentVersion(
    (expectedVersion) =>
      api.request({
        url: 'okrAlign:deleteLink',
        method: 'post',
        data: { krId, objectiveId, version: expectedVersion ?? 1 },
        skipNotify: true,
      }),
    1,
  );
}
