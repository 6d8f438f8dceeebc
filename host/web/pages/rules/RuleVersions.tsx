import { Button, Input, Modal, message, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleVersionWithDiff } from '../../../../plugin/engine/custom-rules-versions.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { CustomRulesApi } from './custom-rules-api.ts';
import { ruleChangeWords } from './rule-changes.ts';

type Row = Partial<RuleVersionWithDiff> & { version: number };

/** Every version of the custom rules with author, reason and changes; a published one can be restored. */
export function RuleVersions(props: {
  versions: RuleVersionWithDiff[];
  api: CustomRulesApi;
  personName: (id: string) => string;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  // Version 0 stands for "no custom rules": always there to go back to.
  const rows: Row[] = [
    ...props.versions,
    { version: 0, status: 'published', current: !props.versions.some((v) => v.current), reason: '' },
  ];
  const rollback = async () => {
    if (target === null) return;
    if (reason.trim() === '') {
      message.error(t('customRules.publish.reasonRequired'));
      return;
    }
    const done = await action.run(() => props.api.rollback(target, reason.trim()));
    if (!done) return;
    message.success(t('customRules.versions.rolledBack', { version: done.version }));
    setTarget(null);
    setReason('');
    props.onChanged();
  };
  return (
    <>
      <Table<Row>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('customRules.versions.version'),
            render: (_, v) => (v.version === 0 ? t('customRules.versions.none') : v.version),
          },
          {
            title: t('customRules.versions.status'),
            render: (_, v) =>
              v.current ? (
                <Tag color="green">{t('customRules.versions.current')}</Tag>
              ) : (
                t(`customRules.versions.${v.status}`)
              ),
          },
          {
            title: t('customRules.versions.author'),
            render: (_, v) => (v.authorId ? props.personName(v.authorId) : '—'),
          },
          {
            title: t('customRules.versions.time'),
            render: (_, v) => (v.publishedAt ?? v.createdAt ?? '').slice(0, 16).replace('T', ' '),
          },
          { title: t('customRules.versions.reason'), dataIndex: 'reason' },
          {
            title: t('customRules.versions.changes'),
            render: (_, v) =>
              v.document && v.diff ? ruleChangeWords(v.diff, v.document, i18n.language, t).join('；') : null,
          },
          {
            title: '',
            render: (_, v) =>
              v.status === 'published' && !v.current ? (
                <Button size="small" onClick={() => setTarget(v.version)}>
                  {t('customRules.versions.rollback')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={t('customRules.versions.rollbackTitle', { version: target ?? 0 })}
        confirmLoading={action.busy}
        onOk={() => void rollback()}
        onCancel={() => setTarget(null)}
      >
        <ErrorAlert error={action.error} onClose={action.clearError} />
        <Input.TextArea
          aria-label={t('customRules.publish.reason')}
          placeholder={t('customRules.publish.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
