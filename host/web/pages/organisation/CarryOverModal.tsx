import { Modal, message, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newestCheckIn } from '../../../../plugin/domain/check-in-order.ts';
import { krProgress } from '../../../../plugin/domain/pace.ts';
import type { Cycle, Id, KeyResult } from '../../../../plugin/domain/types.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { OrganisationApi } from './organisation-api.ts';

interface Unfinished {
  kr: KeyResult;
  progress: number;
}

/** Picks the unfinished KRs (below target at their last check-in) of a cycle to carry into the next one. */
export function CarryOverModal({
  cycle,
  org,
  ownerName,
  onClose,
}: {
  cycle: Cycle;
  org: OrganisationApi;
  ownerName: (kr: KeyResult) => string;
  onClose: (carried: boolean) => void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const action = useAction();
  const [chosen, setChosen] = useState<Id[]>([]);
  const data = useAsync(
    async () => ({
      krs: await api.keyResults(cycle.id),
      checkIns: await api.checkIns({ cycleId: cycle.id }),
    }),
    [api, cycle.id],
  );
  const unfinished = useMemo<Unfinished[]>(() => {
    if (!data.data) return [];
    return data.data.krs
      .map((kr) => {
        const latest = newestCheckIn(data.data?.checkIns.filter((c) => c.krId === kr.id) ?? []);
        return { kr, progress: krProgress(kr, latest?.value ?? kr.baseline) };
      })
      .filter((u) => u.progress < 1);
  }, [data.data]);

  const carry = async () => {
    const done = await action.run(() => org.carryOver(cycle.id, chosen));
    if (!done) return;
    void message.success(
      t('organisation.carried', { count: done.keyResults.length, objectives: done.objectives.length }),
    );
    onClose(true);
  };

  return (
    <Modal
      open
      width={760}
      title={t('organisation.carryOverTitle', { cycle: cycle.name })}
      okText={t('organisation.carryOver')}
      okButtonProps={{ disabled: chosen.length === 0 }}
      cancelText={t('common.cancel')}
      confirmLoading={action.busy}
      onOk={() => void carry()}
      onCancel={() => onClose(false)}
    >
      <Typography.Paragraph type="secondary">{t('organisation.carryOverHint')}</Typography.Paragraph>
      <ErrorAlert error={data.error ?? action.error} onClose={action.clearError} />
      <Table<Unfinished>
        rowKey={(u) => u.kr.id}
        size="small"
        loading={data.loading}
        dataSource={unfinished}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('organisation.nothingToCarry') }}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as Id[]) }}
        columns={[
          {
            title: t('organisation.krTitle'),
            key: 'title',
            render: (_: unknown, u: Unfinished) => u.kr.title,
          },
          {
            title: t('organisation.owner'),
            key: 'owner',
            render: (_: unknown, u: Unfinished) => ownerName(u.kr),
          },
          {
            title: t('organisation.progress'),
            key: 'progress',
            align: 'right',
            render: (_: unknown, u: Unfinished) =>
              t('words.percent', { value: Math.round(u.progress * 100) }),
          },
        ]}
      />
    </Modal>
  );
}
