import { Button, Input, Modal, message, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutomationVersionWithDiff } from '../../../../plugin/automations/versions.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { AutomationsApi } from './automations-api.ts';

/** What a version changed, by automation name. */
function changeWords(
  v: AutomationVersionWithDiff,
  t: (k: string, o?: Record<string, unknown>) => string,
): string[] {
  const byId = new Map<string, string>();
  for (const change of v.diff) {
    const id = change.path.split('.')[0] ?? change.path;
    const name =
      v.document.automations.find((a) => a.id === id)?.title ??
      (change.before as { title?: string } | null)?.title ??
      id;
    const kind =
      change.path !== id
        ? 'changed'
        : change.before === null
          ? 'added'
          : change.after === null
            ? 'removed'
            : 'changed';
    byId.set(id, t(`automations.versions.${kind}`, { name }));
  }
  return [...byId.values()];
}

export function VersionsPanel(props: {
  versions: AutomationVersionWithDiff[];
  api: AutomationsApi;
  personName: (id: string) => string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const rows = [
    ...props.versions,
    // Version 0 stands for the shipped automations: always there to go back to.
    {
      version: 0,
      status: 'published',
      current: !props.versions.some((v) => v.current),
      diff: [],
      reason: '',
      authorId: '',
      publishedAt: null,
      createdAt: '',
    },
  ] as (AutomationVersionWithDiff | (Partial<AutomationVersionWithDiff> & { version: number }))[];
  const action = useAction();
  const rollback = async () => {
    if (target === null) return;
    if (reason.trim() === '') {
      message.error(t('automations.publish.reasonRequired'));
      return;
    }
    const done = await action.run(() => props.api.rollback(target, reason.trim()));
    if (!done) return;
    message.success(t('automations.versions.rolledBack', { version: done.version }));
    setTarget(null);
    setReason('');
    props.onChanged();
  };
  return (
    <>
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('automations.versions.version'),
            render: (_, v) => (v.version === 0 ? t('automations.versions.defaults') : v.version),
          },
          {
            title: t('automations.versions.status'),
            render: (_, v) =>
              v.current ? (
                <Tag color="green">{t('automations.versions.current')}</Tag>
              ) : (
                t(`automations.versions.${v.status}`)
              ),
          },
          {
            title: t('automations.versions.author'),
            render: (_, v) => (v.authorId ? props.personName(v.authorId) : '—'),
          },
          {
            title: t('automations.versions.time'),
            render: (_, v) => (v.publishedAt ?? v.createdAt ?? '').slice(0, 16).replace('T', ' '),
          },
          { title: t('automations.versions.reason'), dataIndex: 'reason' },
          {
            title: t('automations.versions.changes'),
            render: (_, v) =>
              'document' in v && v.document ? (
                <Typography.Text>{changeWords(v as AutomationVersionWithDiff, t).join('；')}</Typography.Text>
              ) : null,
          },
          {
            title: '',
            render: (_, v) =>
              v.status === 'published' && !v.current ? (
                <Button size="small" onClick={() => setTarget(v.version)}>
                  {t('automations.versions.rollback')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={t('automations.versions.rollbackTitle', { version: target ?? 0 })}
        confirmLoading={action.busy}
        onOk={() => void rollback()}
        onCancel={() => setTarget(null)}
      >
        <ErrorAlert error={action.error} onClose={action.clearError} />
        <Input.TextArea
          aria-label={t('automations.publish.reason')}
          placeholder={t('automations.publish.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
