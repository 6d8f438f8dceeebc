import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Modal, message, Space, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomRule, CustomRuleDocument } from '../../../../plugin/engine/custom-rules.ts';
import type { CustomRulesPreview } from '../../../../plugin/engine/custom-rules-preview.ts';
import { diffCustomRules } from '../../../../plugin/engine/custom-rules-versions.ts';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EditorsPortContext, useEditorsPort, useShellEditorsPort } from '../automations/editors-port.tsx';
import { blankRule, RuleEditor } from './RuleEditor.tsx';
import { RulesPreview } from './RulesPreview.tsx';
import { RuleVersions } from './RuleVersions.tsx';
import { ruleChangeWords } from './rule-changes.ts';

/** The rules page of the reference host's shell. */
export default function RulesPage() {
  return (
    <EditorsPortContext.Provider value={useShellEditorsPort()}>
      <RulesEditorPage />
    </EditorsPortContext.Provider>
  );
}

/** The admin's rules: built-in ones to read, custom ones to edit, preview, publish and roll back. */
export function RulesEditorPage() {
  const { t, i18n } = useTranslation();
  const port = useEditorsPort();
  const rulesApi = port.rules;
  const state = useAsync(() => rulesApi.current(), [rulesApi]);
  const versions = useAsync(() => rulesApi.versions(), [rulesApi]);
  const people = useAsync(async () => new Map((await port.people()).map((p) => [p.id, p.name])), [port]);
  const [draft, setDraft] = useState<CustomRuleDocument | null>(null);
  const [editing, setEditing] = useState<{ index: number; rule: CustomRule } | null>(null);
  const [preview, setPreview] = useState<CustomRulesPreview | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { lang } = port;

  const current = state.data?.current.document ?? { rules: [] };
  const document = draft ?? current;
  const diff = useMemo(() => diffCustomRules(current, document), [current, document]);
  if (state.loading && !state.data) return <Loading />;

  const change = (next: CustomRuleDocument) => {
    setDraft(next);
    setPreview(null);
  };
  const eventWords = (type: string) =>
    document.rules.find((r) => r.event.type === type)?.title[lang] ??
    current.rules.find((r) => r.event.type === type)?.title[lang] ??
    type;
  const save = (rule: CustomRule) => {
    if (!editing) return;
    const rules = [...document.rules];
    if (editing.index < 0) rules.push(rule);
    else rules[editing.index] = rule;
    change({ rules });
    setEditing(null);
  };
  const runPreview = async () => {
    const result = await action.run(() => rulesApi.preview(document));
    if (result) setPreview(result);
  };
  const publish = async () => {
    if (reason.trim() === '') {
      message.error(t('customRules.publish.reasonRequired'));
      return;
    }
    const done = await action.run(async () => {
      const proposed = await rulesApi.propose(document, reason.trim());
      return rulesApi.publish(proposed.version);
    });
    if (!done) return;
    message.success(t('customRules.publish.done', { version: done.version }));
    setPublishing(false);
    setReason('');
    setDraft(null);
    setPreview(null);
    state.reload();
    versions.reload();
  };

  const builtInTab = (
    <Table
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={state.data?.builtIn ?? []}
      columns={[
        { title: t('customRules.columns.title'), render: (_, r) => t(`customRules.builtInRules.${r.name}`) },
        { title: t('customRules.columns.level'), render: (_, r) => t(`customRules.levels.${r.level}`) },
        { title: t('customRules.columns.source'), dataIndex: 'file' },
      ]}
    />
  );

  const customTab = (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: -1, rule: blankRule() })}>
          {t('customRules.add')}
        </Button>
        <Button onClick={() => void runPreview()} loading={action.busy} disabled={diff.length === 0}>
          {t('customRules.preview.run')}
        </Button>
        <Button type="primary" disabled={diff.length === 0} onClick={() => setPublishing(true)}>
          {t('customRules.publish.button')}
        </Button>
        {draft && diff.length > 0 && (
          <>
            <Tag color="orange">{t('customRules.unpublished')}</Tag>
            <Button type="link" onClick={() => change(current)}>
              {t('customRules.publish.discard')}
            </Button>
          </>
        )}
      </Space>
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        locale={{ emptyText: t('customRules.noCustom') }}
        dataSource={document.rules}
        columns={[
          { title: t('customRules.columns.title'), render: (_, r) => r.title[lang] },
          { title: t('customRules.columns.level'), render: (_, r) => t(`customRules.levels.${r.level}`) },
          { title: t('customRules.columns.event'), render: (_, r) => r.event.type },
          {
            title: '',
            render: (_, r, i) => (
              <Space size={0}>
                <Button type="link" onClick={() => setEditing({ index: i, rule: r })}>
                  {t('customRules.edit')}
                </Button>
                <Button
                  type="link"
                  danger
                  onClick={() => change({ rules: document.rules.filter((_, j) => j !== i) })}
                >
                  {t('customRules.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <Card
          size="small"
          title={
            editing.index < 0
              ? t('customRules.editor.newTitle')
              : t('customRules.editor.editTitle', { title: editing.rule.title[lang] })
          }
        >
          <RuleEditor
            key={editing.index}
            value={editing.rule}
            otherSettings={document.rules
              .filter((_, i) => i !== editing.index)
              .flatMap((r) => r.settings ?? [])}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        </Card>
      )}
      {preview && <RulesPreview preview={preview} eventWords={eventWords} />}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('customRules.title')} subtitle={t('customRules.subtitle')} />
      <ErrorAlert error={state.error ?? versions.error} />
      <Tabs
        items={[
          { key: 'custom', label: t('customRules.custom'), children: customTab },
          { key: 'builtIn', label: t('customRules.builtIn'), children: builtInTab },
          {
            key: 'versions',
            label: t('customRules.versionsTab'),
            children: (
              <RuleVersions
                versions={versions.data ?? []}
                api={rulesApi}
                personName={(id) => people.data?.get(id) ?? id}
                onChanged={() => {
                  state.reload();
                  versions.reload();
                  setDraft(null);
                }}
              />
            ),
          },
        ]}
      />
      <Modal
        open={publishing}
        title={t('customRules.publish.title')}
        okText={t('customRules.publish.button')}
        confirmLoading={action.busy}
        onOk={() => void publish()}
        onCancel={() => setPublishing(false)}
      >
        <ErrorAlert error={action.error} onClose={action.clearError} />
        <List
          size="small"
          header={t('customRules.publish.changes')}
          dataSource={ruleChangeWords(diff, document, i18n.language, t)}
          renderItem={(w) => <List.Item>{w}</List.Item>}
        />
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
