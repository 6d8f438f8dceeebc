import { Button, Form, InputNumber, message, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle, KeyResult, Region } from '../../../../plugin/domain/types.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CarryOverModal } from './CarryOverModal.tsx';
import type { OrganisationApi } from './organisation-api.ts';
import type { ListedPerson } from './PersonModal.tsx';

/** Half-year cycles: open the January or July one, lock or unlock, carry unfinished KRs over. */
export function CyclesTab({
  cycles,
  people,
  regions,
  org,
  canEdit,
  today,
  onChanged,
}: {
  cycles: Cycle[];
  people: ListedPerson[];
  regions: Region[];
  org: OrganisationApi;
  canEdit: boolean;
  today: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [half, setHalf] = useState<1 | 2>(Number(today.slice(5, 7)) <= 6 ? 1 : 2);
  const [carrying, setCarrying] = useState<Cycle | null>(null);
  const names = new Map([
    ...people.map((p) => [p.id, p.name] as const),
    ...regions.map((r) => [r.id, r.name] as const),
  ]);
  const ownerName = (kr: KeyResult) => names.get(kr.ownerId) ?? '';

  const create = async () => {
    const cycle = await action.run(() => org.createCycle(year, half));
    if (!cycle) return;
    void message.success(t('organisation.cycleCreated', { cycle: cycle.name }));
    onChanged();
  };
  const lock = async (cycle: Cycle, locked: boolean) => {
    const saved = await action.run(() => org.lockCycle(cycle.id, locked));
    if (!saved) return;
    void message.success(
      t(locked ? 'organisation.cycleLocked' : 'organisation.cycleUnlocked', { cycle: cycle.name }),
    );
    onChanged();
  };

  return (
    <>
      {canEdit ? (
        <Form layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item label={t('organisation.year')}>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? year)} />
          </Form.Item>
          <Form.Item label={t('organisation.kickoff')}>
            <Select<1 | 2>
              value={half}
              onChange={setHalf}
              style={{ width: 160 }}
              options={[
                { value: 1, label: t('organisation.january') },
                { value: 2, label: t('organisation.july') },
              ]}
            />
          </Form.Item>
          <Button type="primary" onClick={() => void create()} loading={action.busy}>
            {t('organisation.createCycle')}
          </Button>
        </Form>
      ) : null}
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Table<Cycle>
        rowKey="id"
        dataSource={[...cycles].sort((a, b) => b.start.localeCompare(a.start))}
        pagination={false}
        locale={{ emptyText: t('organisation.noCycles') }}
        columns={[
          { title: t('organisation.cycle'), dataIndex: 'name' },
          { title: t('organisation.start'), dataIndex: 'start' },
          { title: t('organisation.end'), dataIndex: 'end' },
          {
            title: t('organisation.locked'),
            key: 'locked',
            render: (_: unknown, c: Cycle) =>
              canEdit ? (
                <Switch
                  checked={c.locked}
                  aria-label={t('organisation.lockLabel', { cycle: c.name })}
                  onChange={(v) => void lock(c, v)}
                />
              ) : c.locked ? (
                <Tag>{t('organisation.locked')}</Tag>
              ) : null,
          },
          ...(canEdit
            ? [
                {
                  title: t('organisation.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Cycle) => (
                    <Space>
                      <Button size="small" onClick={() => setCarrying(c)}>
                        {t('organisation.carryOver')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {carrying ? (
        <CarryOverModal
          cycle={carrying}
          org={org}
          ownerName={ownerName}
          onClose={(carried) => {
            setCarrying(null);
            if (carried) onChanged();
          }}
        />
      ) : null}
    </>
  );
}
