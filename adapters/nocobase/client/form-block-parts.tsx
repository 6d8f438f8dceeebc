import { Alert, Button, Card, Select, Space, Spin } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardData } from './board-data.ts';
import { type SubmitProblem, submitProblem } from './form-errors.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useBoardData } from './use-board-data.ts';

/** `data-testid`s of the form blocks, for the browser check. */
export const FORM_BLOCK_TEST_IDS = {
  keyResult: 'okr-align-kr-form',
  checkIn: 'okr-align-check-in-form',
  krPicker: 'okr-align-form-kr',
  outcome: 'okr-align-form-outcome',
} as const;

type Outcome = { kind: 'saved'; version?: number } | SubmitProblem;

export function Outcome({ outcome, onReload }: { outcome: Outcome; onReload: () => void }) {
  const { t } = useTranslation(LOCALE_NS);
  const text =
    outcome.kind === 'saved'
      ? t('forms.saved')
      : outcome.kind === 'stale'
        ? t('forms.stale', { version: outcome.version ?? '?' })
        : t(`forms.${outcome.kind}`, { message: outcome.message });
  return (
    <Alert
      data-testid={FORM_BLOCK_TEST_IDS.outcome}
      data-kind={outcome.kind}
      style={{ marginTop: 16 }}
      showIcon
      type={outcome.kind === 'saved' ? 'success' : outcome.kind === 'stale' ? 'warning' : 'error'}
      message={text}
      action={
        outcome.kind === 'stale' ? (
          <Button size="small" onClick={onReload}>
            {t('forms.loadCurrent')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Picks the KR a form works on, labelled with its owner; the first KR until the user picks one. */
function useKrChoice(data: BoardData | null) {
  const [chosen, setChosen] = useState<string | null>(null);
  const krs = data?.snapshot.keyResults ?? [];
  const kr = krs.find((k) => k.id === chosen) ?? krs[0];
  const names = new Map([
    ...(data?.snapshot.people ?? []).map((p) => [p.id, p.name] as const),
    ...(data?.snapshot.regions ?? []).map((r) => [r.id, r.name] as const),
  ]);
  const options = krs.map((k) => ({
    value: k.id,
    label: `${k.title} · ${names.get(k.ownerId) ?? k.ownerId}`,
  }));
  return { kr, options, choose: setChosen };
}

export function KrPicker(props: {
  value?: string;
  options: { value: string; label: string }[];
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation(LOCALE_NS);
  return (
    <Space style={{ marginBottom: 16, width: '100%' }} direction="vertical">
      <span>{t('forms.pickKr')}</span>
      <Select
        data-testid={FORM_BLOCK_TEST_IDS.krPicker}
        style={{ width: '100%' }}
        showSearch
        optionFilterProp="label"
        value={props.value}
        options={props.options}
        onChange={props.onChange}
      />
    </Space>
  );
}

/**
 * Board data, the chosen KR, the submit outcome (shown under the form's submit button) and a reload
 * that also renews the form.
 */
export function useFormBlock() {
  const { data, error, reload } = useBoardData();
  const choice = useKrChoice(data);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [generation, setGeneration] = useState(0);
  const renew = useCallback(() => {
    setGeneration((g) => g + 1);
    reload();
  }, [reload]);
  const run = useCallback(
    async (write: () => Promise<number | undefined>) => {
      setOutcome(null);
      try {
        const version = await write();
        setOutcome({ kind: 'saved', version });
        renew();
      } catch (e) {
        setOutcome(submitProblem(e));
      }
    },
    [renew],
  );
  const choose = useCallback(
    (id: string) => {
      setOutcome(null);
      choice.choose(id);
    },
    [choice.choose],
  );
  return { data, error, choice: { ...choice, choose }, outcome, setOutcome, run, renew, generation };
}

export function Frame(props: {
  testId: string;
  title: string;
  error: string | null;
  loading: boolean;
  children: ReactNode;
}) {
  if (props.error) return <Alert type="error" message={props.error} />;
  if (props.loading) return <Spin />;
  return (
    <Card title={props.title} data-testid={props.testId} bordered={false}>
      {props.children}
    </Card>
  );
}
