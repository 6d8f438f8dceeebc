import { useAPIClient } from '@nocobase/client';
import { Alert, Button, Descriptions, Popconfirm, Select, Space, Steps, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import { nextPoolTransition, POOL_STATES } from '../../../plugin/domain/pool-lifecycle.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { moneyFormatter, PoolAllocation, StatementLines } from '../../../widgets/PoolAllocation/index.tsx';
import { useWidgetT, type WidgetLocale } from '../../../widgets/shared/i18n.ts';
import { Frame, Outcome, useFormBlock } from './form-block-parts.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import {
  POOL_RUN_ACTIONS,
  type PoolRun,
  poolRunProblem,
  quarterChoices,
  transitionRequest,
} from './pool-run-requests.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

/** `data-testid`s of the pool-run block, for the browser check. */
export const POOL_RUN_TEST_IDS = {
  block: 'okr-align-pool-run',
  quarter: 'okr-align-pool-run-quarter',
  state: 'okr-align-pool-run-state',
  compute: 'okr-align-pool-run-compute',
  transition: 'okr-align-pool-run-transition',
  mine: 'okr-align-pool-run-mine',
} as const;

const CURRENCY = 'CNY';
const isPayroll = (me: HostUser | null) => me?.role === 'hr' || me?.role === 'admin';

/** The run of one quarter the caller may see (`okrAlign:poolRuns`), read again on `reload()`. */
function usePoolRun(quarter: string | undefined) {
  const api = useAPIClient();
  const [answer, setAnswer] = useState<{ quarter: string; runs: PoolRun[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const read = useCallback(
    async (q: string) =>
      (
        await api.request<PoolRun[]>({
          url: POOL_RUN_ACTIONS.poolRuns,
          method: 'post',
          data: { quarter: q },
          skipNotify: true,
        })
      ).data.data,
    [api],
  );
  useEffect(() => {
    let live = true;
    void tick;
    if (!quarter) return;
    read(quarter)
      .then((runs) => {
        if (!live) return;
        setAnswer({ quarter, runs });
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [read, quarter, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // An answer about another quarter is not shown while the picked one loads.
  const loaded = answer !== null && answer.quarter === quarter;
  return { run: loaded ? (answer.runs[0] ?? null) : null, loaded, error, reload, read };
}

/** One person's own statement: the amount and every line behind it. */
function MyStatement({ result, me, locale }: { result: PoolRunResult; me: HostUser; locale: WidgetLocale }) {
  const { t } = useTranslation(LOCALE_NS);
  const ts = useWidgetT(locale, 'statement');
  const money = useMemo(() => moneyFormatter(locale, CURRENCY), [locale]);
  const mine = result.statements.find((s) => s.personId === me.personId);
  if (!mine) return <Alert type="info" message={t('poolRuns.noStatement')} />;
  return (
    <div data-testid={POOL_RUN_TEST_IDS.mine}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('poolRuns.myAmount', { amount: money(mine.allocation.cents) })}
      </Typography.Title>
      <StatementLines statement={mine} ts={ts} />
    </div>
  );
}

/**
 * The pool run of a quarter. HR and admins compute its draft, then approve, release and lock it on
 * the row version they see (the server checks the policy and the version again); everyone else sees
 * a released run read-only, with only the statements the server lets them read (a rep: their own).
 */
export function OkrPoolRunBlock() {
  const api = useAPIClient();
  const locale = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, outcome, setOutcome } = useFormBlock();
  const me = usePackUser();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const quarters = useMemo(() => quarterChoices(data?.snapshot.cycle, []), [data]);
  const quarter = picked ?? quarters[0];
  const { run, loaded, error: runError, reload, read } = usePoolRun(quarter);
  const [working, setWorking] = useState(false);
  const money = useMemo(() => moneyFormatter(locale, CURRENCY), [locale]);
  const payroll = isPayroll(me);

  /** Runs one write; on a refusal reads the run again so the message names the version now stored. */
  const post = async (url: string, data: unknown) =>
    (await api.request<PoolRun>({ url, method: 'post', data, skipNotify: true })).data.data;
  const write = async (steps: () => Promise<PoolRun>, expectedVersion: number | null) => {
    if (!quarter) return;
    setWorking(true);
    setOutcome(null);
    try {
      const saved = await steps();
      setOutcome({ kind: 'saved', version: saved.version });
    } catch (e) {
      const current = (await read(quarter).catch(() => []))[0] ?? null;
      setOutcome(poolRunProblem(e, expectedVersion, current));
    } finally {
      setWorking(false);
      reload();
    }
  };
  // The first compute of a quarter opens its draft run, then computes it.
  const compute = () =>
    write(
      async () => {
        const draft = run ?? (await post(POOL_RUN_ACTIONS.createPoolRun, { quarter }));
        return post(POOL_RUN_ACTIONS.computePoolRun, { id: draft.id, version: draft.version });
      },
      run ? run.version : null,
    );
  const step = () => {
    const request = run && transitionRequest(run);
    if (request) void write(() => post(request.url, request.data), request.data.version);
  };
  const next = run ? nextPoolTransition(run.state) : undefined;

  return (
    <Frame testId={POOL_RUN_TEST_IDS.block} title={t('poolRuns.title')} error={error} loading={!data}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('poolRuns.quarter')}</span>
        <Select
          data-testid={POOL_RUN_TEST_IDS.quarter}
          style={{ minWidth: 140 }}
          value={quarter}
          options={quarters.map((q) => ({ value: q, label: q }))}
          onChange={(q: string) => {
            setOutcome(null);
            setPicked(q);
          }}
        />
        {payroll && (!run || run.state === 'draft') && (
          <Button
            data-testid={POOL_RUN_TEST_IDS.compute}
            type={run ? 'default' : 'primary'}
            loading={working}
            disabled={!quarter || !loaded}
            onClick={() => void compute()}
          >
            {run ? t('poolRuns.recompute') : t('poolRuns.compute')}
          </Button>
        )}
        {payroll && run && next && (
          <Popconfirm
            title={t(`poolRuns.confirm.${next}`)}
            okText={t('poolRuns.yes')}
            cancelText={t('poolRuns.no')}
            onConfirm={step}
          >
            <Button data-testid={POOL_RUN_TEST_IDS.transition} type="primary" disabled={working}>
              {t(`poolRuns.actions.${next}`)}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {runError && <Alert type="error" message={runError} style={{ marginBottom: 16 }} />}
      {loaded && !run ? (
        <Alert type="info" message={payroll ? t('poolRuns.noRun') : t('poolRuns.notReleased')} />
      ) : run ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Steps
            size="small"
            current={POOL_STATES.indexOf(run.state)}
            items={POOL_STATES.map((s) => ({ title: t(`poolRuns.states.${s}`) }))}
          />
          <Descriptions size="small" column={{ xs: 1, md: 4 }} bordered>
            <Descriptions.Item label={t('poolRuns.state')}>
              <Tag data-testid={POOL_RUN_TEST_IDS.state} data-state={run.state}>
                {t(`poolRuns.states.${run.state}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('poolRuns.total')}>
              {run.poolCents === null ? '—' : money(run.poolCents)}
            </Descriptions.Item>
            <Descriptions.Item label={t('poolRuns.version')}>{run.version}</Descriptions.Item>
            <Descriptions.Item label={t('poolRuns.computedAt')}>
              {run.computedAt ? new Date(run.computedAt).toLocaleString(locale) : '—'}
            </Descriptions.Item>
          </Descriptions>
          {run.result && me && !payroll && <MyStatement result={run.result} me={me} locale={locale} />}
          {run.result && (payroll || run.result.statements.some((s) => s.personId !== me?.personId)) && (
            <PoolAllocation
              run={run.result}
              people={(data?.snapshot.people ?? []).map((p) => ({ id: p.id, name: p.name }))}
              currency={CURRENCY}
              locale={locale}
            />
          )}
        </Space>
      ) : null}
      {outcome && (
        <Outcome
          outcome={outcome}
          onReload={() => {
            setOutcome(null);
            reload();
          }}
        />
      )}
    </Frame>
  );
}
