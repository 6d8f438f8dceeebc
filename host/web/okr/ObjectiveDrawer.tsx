import { Button, Drawer, message, Popconfirm, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Cycle } from '../../../plugin/domain/types.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { okrEndpoints, type StoredObjective } from './okr-endpoints.ts';
import type { PersonRow } from './owner-options.ts';

export interface ObjectiveDrawerProps {
  /** Null: closed. `'new'`: a new objective of `cycle`. */
  editing: StoredObjective | 'new' | null;
  cycle: Cycle;
  people: PersonRow[];
  settings: Settings;
  onClose: () => void;
}

/** Strategy's drawer for one strategic objective: the pack's objective form, and archive for a saved one. */
export function ObjectiveDrawer({ editing, cycle, people, settings, onClose }: ObjectiveDrawerProps) {
  const { t } = useTranslation();
  const { client, lang } = useApp();
  const okr = useMemo(() => okrEndpoints(client), [client]);
  const action = useAction();
  const existing = editing && editing !== 'new' ? editing : null;

  const context = useMemo<FormContext>(
    () => ({
      settings,
      lang,
      cycle,
      record: existing ?? { cycleId: cycle.id },
      options: {
        cycles: [{ label: cycle.name, value: cycle.id }],
        // Strategic objectives are owned at HQ: strategy and admins first, anyone may be named.
        people: [...people]
          .sort((a, b) => Number(b.role === 'strategy') - Number(a.role === 'strategy'))
          .map((p) => ({ label: p.name, value: p.id })),
      },
    }),
    [settings, lang, cycle, existing, people],
  );

  const save = async (record: FormRecord<'objective'>) => {
    const body = {
      title: record.title,
      description: record.description ?? '',
      ownerId: record.ownerId,
      focusTags: record.focusTags,
      weight: record.weight,
      ...(Object.keys(record.custom).length > 0 ? { custom: record.custom } : {}),
    };
    const saved = await action.run(() =>
      existing
        ? okr.updateObjective(existing.id, { ...body, version: existing.version })
        : okr.createObjective({ ...body, cycleId: cycle.id }),
    );
    if (!saved) return;
    void message.success(
      t(existing ? 'okrAuthoring.objective.updated' : 'okrAuthoring.objective.created', {
        title: saved.title,
      }),
    );
    onClose();
  };

  const archive = async () => {
    if (!existing) return;
    const done = await action.run(() => okr.archiveObjective(existing.id, existing.version));
    if (!done) return;
    void message.success(t('okrAuthoring.objective.archived', { title: existing.title }));
    onClose();
  };

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      width={560}
      destroyOnHidden
      title={existing ? t('okrAuthoring.objective.editTitle') : t('okrAuthoring.objective.newTitle')}
      extra={
        existing ? (
          <Popconfirm
            title={t('okrAuthoring.objective.archiveConfirm', { title: existing.title })}
            description={t('okrAuthoring.objective.archiveHelp')}
            okText={t('okrAuthoring.archive')}
            cancelText={t('common.cancel')}
            onConfirm={() => void archive()}
          >
            <Button danger loading={action.busy}>
              {t('okrAuthoring.archive')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('okrAuthoring.objective.help', { cycle: cycle.name })}
        </Typography.Text>
        <ErrorAlert error={action.error} onClose={action.clearError} />
        {editing !== null ? (
          // The journeys wait for this marker: the form mounts with the drawer, whole (app/on-demand.ts).
          <div key={existing ? `${existing.id}:${existing.version}` : 'new'} data-form-id="objective">
            <PackForm formId="objective" context={context} onSubmit={save} />
          </div>
        ) : null}
      </Space>
    </Drawer>
  );
}
