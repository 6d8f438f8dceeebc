import { Alert, Button, Card, Input, Modal, message, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsForm } from '../../../forms/runtime/react/index.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { CustomRulesPreview } from '../../../plugin/engine/custom-rules-preview.ts';
import { diffDocuments } from '../../../plugin/engine/preview-diff.ts';
import type { SettingsChange, SettingsPreview } from '../../../plugin/sdk/index.ts';
import type { SettingsVersionRow } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { customRulesApi } from './rules/custom-rules-api.ts';
import { RulesPreview } from './rules/RulesPreview.tsx';
import { SettingsChangeList, SettingsDiff, SettingsPreviewView } from './SettingsPreviewView.tsx';
import { CustomRuleSettings } from './settings/CustomRuleSettings.tsx';
import { declaredFields, readableChanges, withDeclared } from './settings/declared-settings.ts';

/** The server's settings preview: with what the published custom rules would find more or less. */
type Preview = SettingsPreview & { customEvents?: CustomRulesPreview };

/** The settings document with the `customRules` values of `from` (the form does not edit them). */
const keepCustom = (doc: Settings, from: Settings): Settings => {
  const { customRules } = from as { customRules?: unknown };
  const rest = { ...doc } as Record<string, unknown>;
  delete rest.customRules;
  return (customRules === undefined ? rest : { ...rest, customRules }) as unknown as Settings;
};

export default function SettingsPage() {
  const { t } = useTranslation();
  const { api, client, lang, currentCycleId } = useApp();
  const current = useAsync(() => api.settings(), [api]);
  // The served schema has the settings the published custom rules declare; their rules name the events.
  const declared = useAsync(async () => {
    const [schema, rules] = await Promise.all([
      client.get<unknown>('/api/settings/schema'),
      customRulesApi(client)
        .current()
        .catch(() => null),
    ]);
    return { schema, eventTypes: rules?.eventTypes ?? [] };
  }, [client]);
  const fields = useMemo(() => declaredFields(declared.data?.schema, lang), [declared.data, lang]);
  const titles = useMemo(() => new Map(fields.map((f) => [f.path, f.title])), [fields]);
  const eventWords = (type: string) =>
    declared.data?.eventTypes.find((e) => e.type === type)?.title[lang] ?? type;
  const readable = (list: SettingsChange[]) => readableChanges(list, fields);
  const versions = useAsync(() => api.settingsVersions(), [api]);
  const names = useAsync(async () => {
    const [people, regions, krs] = await Promise.all([
      api.people(),
      api.regions(),
      api.keyResults(currentCycleId ?? undefined),
    ]);
    const personNames = new Map(people.map((p) => [p.id, p.name]));
    const regionNames = new Map(regions.map((r) => [r.id, r.name]));
    return {
      people: personNames,
      krs: new Map(krs.map((k) => [k.id, k.title])),
      owners: new Map(
        krs.map((k) => [
          k.id,
          (k.ownerType === 'region' ? regionNames.get(k.ownerId) : personNames.get(k.ownerId)) ?? '—',
        ]),
      ),
    };
  }, [api, currentCycleId]);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ title: string; preview: Preview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [rollbackTo, setRollbackTo] = useState<SettingsVersionRow | null>(null);
  const [formKey, setFormKey] = useState(0);
  const action = useAction();

  const changes = useMemo(
    () => (draft && current.data ? readableChanges(diffDocuments(current.data.settings, draft), fields) : []),
    [draft, current.data, fields],
  );
  const krTitle = (id: string) => names.data?.krs.get(id) ?? id;
  const personName = (id: string) => names.data?.people.get(id) ?? id;
  const krOwner = (id: string) => names.data?.owners.get(id) ?? '—';

  /** Asks before a change takes effect, listing what it changes in words. */
  const confirmChanges = (title: string, list: SettingsChange[], okText: string) =>
    new Promise<boolean>((resolve) => {
      Modal.confirm({
        title,
        content: <SettingsChangeList changes={list} titles={titles} />,
        okText,
        cancelText: t('common.cancel'),
        width: 560,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const publishVersion = async (v: SettingsVersionRow) => {
    if (!current.data) return;
    const list = readable(diffDocuments(current.data.settings, v.settings));
    if (
      !(await confirmChanges(
        t('settings.publishConfirm', { version: v.version }),
        list,
        t('settings.publish'),
      ))
    )
      return;
    if (await action.run(() => api.publishSettings(v.version))) {
      void message.success(t('settings.saved.published', { version: v.version }));
      afterWrite();
    }
  };

  const runPreview = async (title: string, body: { settings?: Settings; version?: number }) => {
    setPreviewing(true);
    const result = (await action.run(() => api.previewSettings(body))) as Preview | undefined;
    setPreviewing(false);
    if (result) setPreview({ title, preview: result });
  };

  const afterWrite = () => {
    current.reload();
    versions.reload();
  };

  const publishDraft = async (publish: boolean) => {
    if (!draft) return;
    if (publish && !(await confirmChanges(t('settings.publishDraftConfirm'), changes, t('settings.publish'))))
      return;
    const proposed = await action.run(() => api.proposeSettings(draft, reason));
    if (!proposed) return;
    if (publish) {
      const published = await action.run(() => api.publishSettings(proposed.version));
      if (!published) {
        afterWrite();
        return;
      }
    }
    void message.success(
      t(publish ? 'settings.saved.published' : 'settings.saved.proposed', { version: proposed.version }),
    );
    setDraft(null);
    setReason('');
    setPreview(null);
    setFormKey((k) => k + 1);
    afterWrite();
  };

  if (current.error && !current.data) return <ErrorAlert error={current.error} />;
  if (!current.data) return <Loading />;

  return (
    <div>
      <PageHeader
        title={t('settings.title')}
        subtitle={t('settings.current', { version: current.data.version })}
      />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {draft ? (
        <Card
          size="small"
          title={t('settings.draftTitle')}
          style={{ marginBottom: 16 }}
          data-testid="settings-draft"
        >
          <SettingsDiff changes={changes} titles={titles} />
          <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Input.TextArea
              rows={2}
              placeholder={t('settings.reasonPlaceholder')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('settings.reason')}
            />
            <Space wrap>
              <Button
                disabled={changes.length === 0 || previewing}
                onClick={() => void runPreview(t('settings.previewDraft'), { settings: draft })}
              >
                {t('settings.preview.run')}
              </Button>
              <Button
                disabled={changes.length === 0 || reason.trim() === '' || action.busy}
                onClick={() => void publishDraft(false)}
              >
                {t('settings.propose')}
              </Button>
              <Button
                type="primary"
                disabled={changes.length === 0 || reason.trim() === '' || action.busy}
                onClick={() => void publishDraft(true)}
              >
                {t('settings.publish')}
              </Button>
              <Button
                onClick={() => {
                  setDraft(null);
                  setPreview(null);
                  setFormKey((k) => k + 1);
                }}
              >
                {t('common.cancel')}
              </Button>
            </Space>
            {reason.trim() === '' && changes.length > 0 ? (
              <Typography.Text type="secondary">{t('settings.reasonNeeded')}</Typography.Text>
            ) : null}
          </Space>
        </Card>
      ) : null}
      {previewing ? (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={t('settings.preview.working')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {preview ? (
        <Card
          size="small"
          title={preview.title}
          style={{ marginBottom: 16 }}
          extra={
            <Button size="small" onClick={() => setPreview(null)}>
              {t('common.close')}
            </Button>
          }
        >
          <SettingsPreviewView
            preview={preview.preview}
            krTitle={krTitle}
            krOwner={krOwner}
            personName={personName}
          />
          {preview.preview.customEvents && fields.length > 0 ? (
            <div style={{ marginTop: 12 }}>
              <RulesPreview preview={preview.preview.customEvents} eventWords={eventWords} />
            </div>
          ) : null}
        </Card>
      ) : null}
      <Card size="small" title={t('settings.edit')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('settings.editHint')}</Typography.Paragraph>
        <SettingsForm
          key={formKey}
          value={current.data.settings}
          lang={lang}
          onSubmit={(doc) => {
            setDraft(keepCustom(doc, draft ?? current.data!.settings));
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
        />
      </Card>
      {fields.length > 0 ? (
        <CustomRuleSettings
          fields={fields}
          settings={draft ?? current.data.settings}
          onSave={(values) => {
            setDraft(withDeclared(draft ?? current.data!.settings, values));
            setPreview(null);
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
        />
      ) : null}
      <Card size="small" title={t('settings.versions')}>
        <ErrorAlert error={versions.error} />
        <Table<SettingsVersionRow>
          size="small"
          rowKey="version"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          expandable={{
            expandedRowRender: (v) => (
              <div>
                <Typography.Text type="secondary">
                  {v.diffAgainst
                    ? t('settings.diffAgainst', { version: v.diffAgainst })
                    : t('settings.firstVersion')}
                </Typography.Text>
                <SettingsDiff changes={readable(v.diff)} titles={titles} />
              </div>
            ),
          }}
          columns={[
            { title: t('settings.version'), dataIndex: 'version' },
            {
              title: t('settings.status'),
              render: (_, v) => (
                <Space size={4}>
                  <Tag
                    color={v.status === 'published' ? 'green' : v.status === 'proposed' ? 'blue' : 'default'}
                  >
                    {t(`settings.statuses.${v.status}`)}
                  </Tag>
                  {v.current ? <Tag color="gold">{t('settings.inEffect')}</Tag> : null}
                  {v.rollbackOf ? <Tag>{t('settings.rollbackOf', { version: v.rollbackOf })}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('settings.author'),
              render: (_, v) => (v.authorId === 'system' ? t('settings.system') : personName(v.authorId)),
            },
            {
              title: t('settings.when'),
              render: (_, v) => new Date(v.publishedAt ?? v.createdAt).toLocaleString(lang),
            },
            { title: t('settings.reason'), dataIndex: 'reason' },
            { title: t('settings.changes'), render: (_, v) => readable(v.diff).length },
            {
              title: t('settings.actions'),
              render: (_, v) => (
                <Space size={4} wrap>
                  {v.status === 'proposed' ? (
                    <>
                      <Button
                        size="small"
                        onClick={() =>
                          void runPreview(t('settings.previewVersion', { version: v.version }), {
                            version: v.version,
                          })
                        }
                      >
                        {t('settings.preview.run')}
                      </Button>
                      <Button size="small" type="primary" onClick={() => void publishVersion(v)}>
                        {t('settings.publish')}
                      </Button>
                      <Button
                        size="small"
                        onClick={async () => {
                          if (await action.run(() => api.discardSettings(v.version))) {
                            void message.success(t('settings.saved.discarded', { version: v.version }));
                            afterWrite();
                          }
                        }}
                      >
                        {t('settings.discard')}
                      </Button>
                    </>
                  ) : null}
                  {v.status === 'published' && !v.current ? (
                    <Button size="small" onClick={() => setRollbackTo(v)}>
                      {t('settings.rollback')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={rollbackTo !== null}
        title={rollbackTo ? t('settings.rollbackTitle', { version: rollbackTo.version }) : ''}
        onCancel={() => setRollbackTo(null)}
        okButtonProps={{ disabled: reason.trim() === '', loading: action.busy }}
        okText={t('settings.rollback')}
        cancelText={t('common.cancel')}
        onOk={async () => {
          if (!rollbackTo) return;
          const done = await action.run(() => api.rollbackSettings(rollbackTo.version, reason));
          if (done) {
            void message.success(t('settings.saved.rolledBack', { version: rollbackTo.version }));
            setRollbackTo(null);
            setReason('');
            setFormKey((k) => k + 1);
            afterWrite();
          }
        }}
      >
        <Typography.Paragraph>{t('settings.rollbackChanges')}</Typography.Paragraph>
        {rollbackTo ? (
          <SettingsChangeList
            changes={readable(diffDocuments(current.data.settings, rollbackTo.settings))}
            titles={titles}
          />
        ) : null}
        <Input.TextArea
          rows={3}
          style={{ marginTop: 12 }}
          placeholder={t('settings.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('settings.reason')}
        />
      </Modal>
    </div>
  );
}
