import { PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Input, Modal, message, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trigger } from '../../../../plugin/automations/catalogue.ts';
import { automationIssues } from '../../../../plugin/automations/validate.ts';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AutomationEditor } from './AutomationEditor.tsx';
import type { AutomationPreview } from './automations-api.ts';
import { type EditedAutomation, newAutomationId, placeOf, toDocument, toEdited } from './editor-model.ts';
import { EditorsPortContext, useEditorsPort, useShellEditorsPort } from './editors-port.tsx';
import { FailuresPanel } from './FailuresPanel.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { stepKey } from './targets.ts';
import { VersionsPanel } from './VersionsPanel.tsx';

/** The automations page of the reference host's shell. */
export default function AutomationsPage() {
  return (
    <EditorsPortContext.Provider value={useShellEditorsPort()}>
      <AutomationsEditorPage />
    </EditorsPortContext.Provider>
  );
}

/** HR's automations: what happens when a rule fires, edited, previewed and published with a reason. */
export function AutomationsEditorPage() {
  const { t } = useTranslation();
  const port = useEditorsPort();
  const { lang } = port;
  const autoApi = port.automations;
  const current = useAsync(() => autoApi.current(), [autoApi]);
  const versions = useAsync(() => autoApi.versions(), [autoApi]);
  const failures = useAsync(() => autoApi.failures(), [autoApi]);
  const lookups = useAsync(async () => {
    const [people, regions, krs, channels, rules] = await Promise.all([
      port.people(),
      port.regions(),
      port.keyResults().catch(() => []),
      autoApi.channels().catch(() => []),
      port.rules.current().catch(() => null),
    ]);
    return {
      people,
      regions,
      channels,
      customTriggers: (rules?.eventTypes ?? []).map((e) => ({
        value: e.type as Trigger,
        label: e.title[lang] ?? e.type,
      })),
      names: {
        people: new Map(people.map((p) => [p.id, p.name])),
        krs: new Map(krs.map((k) => [k.id, k.title])),
      },
    };
  }, [port]);
  const [draft, setDraft] = useState<EditedAutomation[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [preview, setPreview] = useState<AutomationPreview | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const triggerWords = (trigger: string) =>
    lookups.data?.customTriggers.find((c) => c.value === trigger)?.label ??
    t(`automations.triggers.${trigger}`);

  const list = useMemo(
    () => draft ?? (current.data ? toEdited(current.data.document) : []),
    [draft, current.data],
  );
  const document = useMemo(() => toDocument(list), [list]);
  const issues = useMemo(() => automationIssues(document), [document]);
  if (current.loading && !current.data) return <Loading />;
  const change = (next: EditedAutomation[]) => {
    setDraft(next);
    setPreview(null);
  };
  const update = (a: EditedAutomation) => change(list.map((x) => (x.id === a.id ? a : x)));
  const edited = list.find((a) => a.id === editing) ?? null;
  const issueWords = issues.map((issue) => {
    const place = placeOf(issue);
    const title = place.automation === null ? '' : (list[place.automation]?.title ?? '');
    const what =
      issue.code === 'schema'
        ? t('automations.issues.schema', { message: issue.message })
        : t(`automations.issues.${issue.code}`);
    const where =
      place.step === null
        ? title
        : t('automations.issues.where', { title, step: t('automations.step.number', { n: place.step }) });
    return where ? `${where}：${what}` : what;
  });

  const add = () => {
    const id = newAutomationId(new Set(list.map((a) => a.id)));
    change([
      ...list,
      {
        id,
        title: t('automations.newTitle'),
        enabled: true,
        trigger: 'escalate',
        steps: [
          {
            key: stepKey(),
            step: { type: 'notify', to: [{ who: 'owner' }, { who: 'manager' }], inApp: true },
          },
        ],
      },
    ]);
    setEditing(id);
  };
  const runPreview = async () => {
    const result = await action.run(() => autoApi.preview(document));
    if (result) setPreview(result);
  };
  const dryRun = async (id: string) => {
    const result = await action.run(() => autoApi.dryRun(document, id));
    if (!result) return;
    if (result.sent > 0) message.success(t('automations.dryRun.sent', { count: result.sent }));
    else message.info(t('automations.dryRun.none'));
  };
  const publish = async () => {
    if (reason.trim() === '') {
      message.error(t('automations.publish.reasonRequired'));
      return;
    }
    const done = await action.run(async () => {
      const proposed = await autoApi.propose(document, reason.trim());
      return autoApi.publish(proposed.version);
    });
    if (!done) return;
    message.success(t('automations.publish.done', { version: done.version }));
    setPublishing(false);
    setReason('');
    setDraft(null);
    current.reload();
    versions.reload();
  };

  const listTab = (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={add}>
          {t('automations.add')}
        </Button>
        <Button onClick={() => void runPreview()} loading={action.busy} disabled={issues.length > 0}>
          {t('automations.preview.run')}
        </Button>
        <Button type="primary" disabled={!draft || issues.length > 0} onClick={() => setPublishing(true)}>
          {t('automations.publish.run')}
        </Button>
        {draft && <Tag color="orange">{t('automations.unpublished')}</Tag>}
      </Space>
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {issues.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('automations.issues.title', { count: issues.length })}
          description={
            <ul style={{ margin: 0 }}>
              {issueWords.map((w, i) => (
                <li key={`${issues[i]?.path}-${issues[i]?.code}`}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list}
        columns={[
          { title: t('automations.columns.title'), dataIndex: 'title' },
          {
            title: t('automations.columns.trigger'),
            render: (_, a) => triggerWords(a.trigger),
          },
          {
            title: t('automations.columns.steps'),
            render: (_, a) => t('automations.stepCount', { count: a.steps.length }),
          },
          {
            title: t('automations.columns.enabled'),
            render: (_, a) => (
              <Switch
                aria-label={`${t('automations.columns.enabled')} ${a.title}`}
                checked={a.enabled}
                onChange={(enabled) => update({ ...a, enabled })}
              />
            ),
          },
          {
            title: '',
            render: (_, a) => (
              <Space size={0}>
                <Button type="link" onClick={() => setEditing(editing === a.id ? null : a.id)}>
                  {editing === a.id ? t('automations.done') : t('automations.edit')}
                </Button>
                <Button type="link" onClick={() => void dryRun(a.id)} disabled={issues.length > 0}>
                  {t('automations.dryRun.run')}
                </Button>
                <Button type="link" danger onClick={() => change(list.filter((x) => x.id !== a.id))}>
                  {t('automations.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {edited && lookups.data && (
        <AutomationEditor
          automation={edited}
          regions={lookups.data.regions}
          choices={{ people: lookups.data.people, channels: lookups.data.channels }}
          customTriggers={lookups.data.customTriggers}
          onChange={update}
        />
      )}
      {preview && lookups.data && <PreviewPanel preview={preview} names={lookups.data.names} />}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('automations.title')} subtitle={t('automations.subtitle')} />
      <ErrorAlert error={current.error ?? versions.error} />
      <Tabs
        items={[
          { key: 'list', label: t('automations.title'), children: listTab },
          {
            key: 'failures',
            label: (
              <Badge count={failures.data?.count ?? 0} size="small" offset={[8, -2]}>
                {t('automations.failures.title')}
              </Badge>
            ),
            children: (
              <FailuresPanel
                runs={failures.data?.runs ?? []}
                count={failures.data?.count ?? 0}
                loading={failures.loading}
                api={autoApi}
                triggerWords={triggerWords}
                onChanged={failures.reload}
              />
            ),
          },
          {
            key: 'versions',
            label: t('automations.versions.title'),
            children: (
              <VersionsPanel
                versions={versions.data ?? []}
                api={autoApi}
                personName={(id) => lookups.data?.names.people.get(id) ?? id}
                onChanged={() => {
                  current.reload();
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
        title={t('automations.publish.title')}
        okText={t('automations.publish.ok')}
        confirmLoading={action.busy}
        onOk={() => void publish()}
        onCancel={() => setPublishing(false)}
      >
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
