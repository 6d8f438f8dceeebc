import { Button, message, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../../plugin/domain/types.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PersonChanges } from '../people-changes/PersonChanges.tsx';
import { centsToYuan, type OrganisationApi, type PersonInput } from './organisation-api.ts';
import { PeopleImport } from './PeopleImport.tsx';
import { type ListedPerson, PersonModal } from './PersonModal.tsx';

/** People with role, region, manager and quarterly base bonus; add, edit, or add many from a file. */
export function PeopleTab({
  people,
  regions,
  org,
  lang,
  canEdit,
  onChanged,
}: {
  people: ListedPerson[];
  regions: Region[];
  org: OrganisationApi;
  lang: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const [editing, setEditing] = useState<ListedPerson | 'new' | null>(null);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const yuan = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  const save = async (input: PersonInput) => {
    const target = editing;
    const saved = await action.run(() =>
      target === 'new' ? org.createPerson(input) : org.updatePerson((target as ListedPerson).id, input),
    );
    if (!saved) return;
    void message.success(
      t(target === 'new' ? 'organisation.personCreated' : 'organisation.personSaved', { name: saved.name }),
    );
    setEditing(null);
    onChanged();
  };

  return (
    <>
      {canEdit ? (
        <>
          <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>
            {t('organisation.addPerson')}
          </Button>
          <PeopleImport org={org} lang={lang} onImported={onChanged} />
        </>
      ) : null}
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Table<ListedPerson>
        rowKey="id"
        dataSource={people}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('organisation.noPeople') }}
        columns={[
          { title: t('organisation.personName'), dataIndex: 'name' },
          { title: t('organisation.role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
          {
            title: t('organisation.region'),
            dataIndex: 'regionId',
            render: (id: string | null) => (id ? (regionName.get(id) ?? '') : t('organisation.none')),
          },
          {
            title: t('organisation.manager'),
            dataIndex: 'managerId',
            render: (id: string | null) => (id ? (personName.get(id) ?? '') : t('organisation.none')),
          },
          {
            title: t('organisation.baseBonus'),
            dataIndex: 'baseBonusCents',
            align: 'right',
            render: (c: number | null) =>
              c === null ? '' : `${yuan.format(centsToYuan(c))} ${t('organisation.yuan')}`,
          },
          {
            title: t('peopleChanges.column'),
            key: 'tenure',
            render: (_: unknown, p: ListedPerson) => (
              <PersonChanges person={p} people={people} regions={regions} onChanged={onChanged} />
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('organisation.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, p: ListedPerson) => (
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t('organisation.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PersonModal
        open={editing !== null}
        person={editing === 'new' ? null : editing}
        people={people}
        regions={regions}
        busy={action.busy}
        onOk={(input) => void save(input)}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}
