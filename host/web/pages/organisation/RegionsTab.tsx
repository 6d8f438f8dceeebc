import { Button, message, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../../plugin/domain/types.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NameModal } from './NameModal.tsx';
import type { OrganisationApi } from './organisation-api.ts';

/** Sales regions: add one, rename one. */
export function RegionsTab({
  regions,
  org,
  canEdit,
  onChanged,
}: {
  regions: Region[];
  org: OrganisationApi;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [editing, setEditing] = useState<Region | 'new' | null>(null);

  const save = async (name: string) => {
    const target = editing;
    const saved = await action.run(() =>
      target === 'new' ? org.createRegion(name) : org.renameRegion((target as Region).id, name),
    );
    if (!saved) return;
    void message.success(
      t(target === 'new' ? 'organisation.regionCreated' : 'organisation.regionRenamed', { name }),
    );
    setEditing(null);
    onChanged();
  };

  return (
    <>
      {canEdit ? (
        <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>
          {t('organisation.addRegion')}
        </Button>
      ) : null}
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Table<Region>
        rowKey="id"
        dataSource={regions}
        pagination={false}
        locale={{ emptyText: t('organisation.noRegions') }}
        columns={[
          { title: t('organisation.regionName'), dataIndex: 'name' },
          ...(canEdit
            ? [
                {
                  title: t('organisation.actions'),
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, r: Region) => (
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('organisation.rename')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <NameModal
        open={editing !== null}
        title={t(editing === 'new' ? 'organisation.addRegion' : 'organisation.renameRegion')}
        label={t('organisation.regionName')}
        initial={editing && editing !== 'new' ? editing.name : ''}
        busy={action.busy}
        onOk={(name) => void save(name)}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}
