import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  message,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Component, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_IDS, type FormContext, type FormId, validateOverlay } from '../../../forms/runtime/index.ts';
import type { AddFieldEntry, CustomFieldType } from '../../../forms/runtime/overlay.ts';
import { PackForm } from '../../../forms/runtime/react/index.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { type CycleData, useCycleData } from '../app/use-cycle-data.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { settingsTitle } from '../i18n/settings-titles.ts';
import {
  draftFromOverlay,
  type EditorField,
  editorFields,
  fieldNameFor,
  moveField,
  type OverlayDraft,
  overlayFromDraft,
} from './overlay-editor-model.ts';

const FIELD_TYPES: CustomFieldType[] = ['text', 'number', 'select', 'date'];

/** Options typed one per line or separated by commas (either width). */
const splitOptions = (text: string) =>
  text
    .split(/[,，\n]/)
    .map((o) => o.trim())
    .filter(Boolean);

/** A form that cannot render with the sample data shows why instead of breaking the page. */
class PreviewBoundary extends Component<
  { children: ReactNode; fallback: (e: unknown) => ReactNode },
  { error: unknown }
> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** Sample data for the preview: the current cycle's first records. */
function sampleContext(
  formId: FormId,
  data: CycleData,
  lang: FormContext['lang'],
  personId: string,
): FormContext {
  const { snapshot, settings } = data;
  return {
    settings,
    lang,
    objectives: snapshot.objectives,
    keyResult: snapshot.keyResults[0],
    cycle: snapshot.cycle,
    escalation: snapshot.escalations[0],
    reviewerId: personId,
    options: {
      people: snapshot.people.map((p) => ({ label: p.name, value: p.id })),
      regions: snapshot.regions.map((r) => ({ label: r.name, value: r.id })),
    },
    record: formId === 'check-in' ? { month: undefined } : undefined,
  };
}

export default function FormsEditorPage() {
  const { t } = useTranslation();
  const { api, lang, user } = useApp();
  const [formId, setFormId] = useState<FormId>('check-in');
  const stored = useAsync(() => api.overlays(), [api]);
  const data = useCycleData();
  const current = stored.data?.find((o) => o.formId === formId);
  const [draft, setDraft] = useState<OverlayDraft>(() => draftFromOverlay(formId, null));
  // Each change keeps the draft before it, so HR can take changes back one at a time.
  const [history, setHistory] = useState<OverlayDraft[]>([]);
  const [adding, setAdding] = useState(false);
  const [relabeling, setRelabeling] = useState<EditorField | null>(null);
  const action = useAction();

  useEffect(() => {
    setDraft(draftFromOverlay(formId, current?.overlay ?? null));
    setHistory([]);
  }, [formId, current]);

  const change = (next: (d: OverlayDraft) => OverlayDraft) => {
    setHistory((h) => [...h, draft]);
    setDraft(next(draft));
  };
  const undo = () => {
    const previous = history.at(-1);
    if (!previous) return;
    setDraft(previous);
    setHistory((h) => h.slice(0, -1));
  };

  const overlay = useMemo(() => overlayFromDraft(draft), [draft]);
  const problems = useMemo(() => validateOverlay(overlay, lang), [overlay, lang]);
  const fields = useMemo(
    () =>
      editorFields(draft, lang, (key, ref) =>
        ref ? settingsTitle(ref, lang) : t(`formsEditor.untitled.${key}`, { defaultValue: '' }) || undefined,
      ),
    [draft, lang, t],
  );
  const context = useMemo(
    () => (data.data ? sampleContext(formId, data.data, lang, user.personId) : null),
    [formId, data.data, lang, user.personId],
  );
  const dirty =
    JSON.stringify(overlay) !==
    JSON.stringify(overlayFromDraft(draftFromOverlay(formId, current?.overlay ?? null)));

  const save = async () => {
    const saved = await action.run(() => api.saveOverlay(formId, overlay, current?.version));
    if (saved) {
      void message.success(t('formsEditor.saved', { form: t(`formsEditor.forms.${formId}`) }));
      stored.setData((list) => [...(list ?? []).filter((o) => o.formId !== formId), saved]);
    }
  };
  const reset = async () => {
    const done = await action.run(() => api.deleteOverlay(formId));
    if (done) {
      void message.success(t('formsEditor.resetDone', { form: t(`formsEditor.forms.${formId}`) }));
      stored.setData((list) => (list ?? []).filter((o) => o.formId !== formId));
    }
  };

  const toggleHidden = (key: string) =>
    change((d) => ({
      ...d,
      hidden: d.hidden.includes(key) ? d.hidden.filter((k) => k !== key) : [...d.hidden, key],
    }));

  return (
    <div>
      <PageHeader
        title={t('formsEditor.title')}
        subtitle={
          current ? t('formsEditor.storedVersion', { version: current.version }) : t('formsEditor.noOverlay')
        }
        extra={
          <>
            <Select<FormId>
              aria-label={t('formsEditor.form')}
              value={formId}
              onChange={setFormId}
              style={{ minWidth: 180 }}
              options={FORM_IDS.map((id) => ({ value: id, label: t(`formsEditor.forms.${id}`) }))}
            />
            <Button icon={<UndoOutlined />} disabled={history.length === 0} onClick={undo}>
              {t('formsEditor.undo', { count: history.length })}
            </Button>
            <Button
              type="primary"
              disabled={!dirty || problems.length > 0 || action.busy}
              onClick={() => void save()}
            >
              {t('formsEditor.save')}
            </Button>
            {current ? (
              <Popconfirm
                title={t('formsEditor.resetConfirm')}
                onConfirm={() => void reset()}
                okText={t('common.yes')}
                cancelText={t('common.no')}
              >
                <Button danger>{t('formsEditor.reset')}</Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={action.error ?? stored.error} onClose={action.clearError} />
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {problems.map((p) => (
                <li key={`${p.index}-${p.code}`}>{p.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('formsEditor.fields')}
            extra={
              <Button size="small" onClick={() => setAdding(true)}>
                {t('formsEditor.add')}
              </Button>
            }
          >
            <Table<EditorField>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              columns={[
                {
                  title: t('formsEditor.field'),
                  render: (_, f) => (
                    <Space size={4} wrap>
                      <span style={{ opacity: draft.hidden.includes(f.key) ? 0.5 : 1 }}>{f.title}</span>
                      {f.custom ? <Tag color="blue">{t('formsEditor.custom')}</Tag> : null}
                      {draft.relabels[f.key] ? <Tag>{t('formsEditor.relabelled')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('formsEditor.actions'),
                  render: (_, f, i) => (
                    <Space size={2}>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('formsEditor.up')}
                        disabled={i === 0}
                        onClick={() => change((d) => moveField(d, lang, f.key, -1))}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('formsEditor.down')}
                        disabled={i === fields.length - 1}
                        onClick={() => change((d) => moveField(d, lang, f.key, 1))}
                      />
                      {f.custom ? (
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            change((d) => ({
                              ...d,
                              added: d.added.filter((a) => `custom.${a.name}` !== f.key),
                              order: d.order?.filter((k) => k !== f.key) ?? null,
                            }))
                          }
                        >
                          {t('common.delete')}
                        </Button>
                      ) : (
                        <>
                          <Button
                            size="small"
                            icon={draft.hidden.includes(f.key) ? <EyeOutlined /> : <EyeInvisibleOutlined />}
                            disabled={f.locked && !draft.hidden.includes(f.key)}
                            title={f.locked ? t('formsEditor.lockedHint') : undefined}
                            onClick={() => toggleHidden(f.key)}
                          >
                            {draft.hidden.includes(f.key) ? t('formsEditor.show') : t('formsEditor.hide')}
                          </Button>
                          <Button size="small" onClick={() => setRelabeling(f)}>
                            {t('formsEditor.relabel')}
                          </Button>
                        </>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('formsEditor.preview')}>
            {!context ? (
              data.error ? (
                <ErrorAlert error={data.error} />
              ) : (
                <Loading />
              )
            ) : (
              <PreviewBoundary
                key={`${formId}-${JSON.stringify(overlay)}`}
                fallback={(e) => <ErrorAlert error={e} />}
              >
                <PackForm
                  formId={formId}
                  context={context}
                  overlay={overlay}
                  showOverlayProblems
                  onSubmit={() => {}}
                />
              </PreviewBoundary>
            )}
          </Card>
        </Col>
      </Row>
      <AddFieldModal
        open={adding}
        onClose={() => setAdding(false)}
        fields={fields}
        onAdd={(entry) => change((d) => ({ ...d, added: [...d.added, entry] }))}
      />
      <RelabelModal
        field={relabeling}
        current={relabeling ? draft.relabels[relabeling.key] : undefined}
        onClose={() => setRelabeling(null)}
        onSave={(key, title) =>
          change((d) => {
            const relabels = { ...d.relabels };
            if (title) relabels[key] = title;
            else delete relabels[key];
            return { ...d, relabels };
          })
        }
      />
    </div>
  );
}

function AddFieldModal({
  open,
  onClose,
  onAdd,
  fields,
}: {
  open: boolean;
  onClose: () => void;
  onAdd: (e: AddFieldEntry) => void;
  fields: EditorField[];
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    type: CustomFieldType;
    zh: string;
    en: string;
    required: boolean;
    options: string;
    after?: string;
  }>();
  return (
    <Modal
      open={open}
      title={t('formsEditor.addTitle')}
      onCancel={onClose}
      okText={t('formsEditor.add')}
      cancelText={t('common.cancel')}
      onOk={async () => {
        // Invalid input stays in the dialog with its errors under the fields.
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        const zh = v.zh.trim();
        const en = v.en?.trim() || zh;
        const taken = fields.map((f) => f.key.replace(/^custom\./, ''));
        const entry: AddFieldEntry = {
          op: 'add',
          name: fieldNameFor(v.en ?? '', taken),
          type: v.type,
          title: { 'zh-CN': zh, 'en-US': en },
        };
        if (v.required) entry.required = true;
        if (v.after) entry.after = v.after;
        if (v.type === 'select') {
          entry.options = splitOptions(v.options).map((label, i) => ({
            value: `o${i + 1}`,
            label: { 'zh-CN': label, 'en-US': label },
          }));
        }
        onAdd(entry);
        form.resetFields();
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ type: 'text', required: false, options: '' }}>
        <Form.Item name="type" label={t('formsEditor.type')}>
          <Select options={FIELD_TYPES.map((ty) => ({ value: ty, label: t(`formsEditor.types.${ty}`) }))} />
        </Form.Item>
        <Form.Item
          name="zh"
          label={t('formsEditor.titleZh')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('formsEditor.titleRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="en"
          label={t('formsEditor.titleEnOptional')}
          extra={t('formsEditor.titleEnHint')}
          rules={[{ max: 60, message: t('formsEditor.titleEnRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() =>
            form.getFieldValue('type') === 'select' ? (
              <Form.Item
                name="options"
                label={t('formsEditor.options')}
                rules={[
                  {
                    validator: (_, v: string | undefined) =>
                      splitOptions(v ?? '').length > 0
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('formsEditor.optionsRule'))),
                  },
                ]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="after" label={t('formsEditor.after')}>
          <Select
            allowClear
            options={fields.filter((f) => !f.custom).map((f) => ({ value: f.key, label: f.title }))}
          />
        </Form.Item>
        <Form.Item name="required" valuePropName="checked">
          <Checkbox>{t('formsEditor.required')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RelabelModal({
  field,
  current,
  onClose,
  onSave,
}: {
  field: EditorField | null;
  current: { 'zh-CN': string; 'en-US': string } | undefined;
  onClose: () => void;
  onSave: (key: string, title: { 'zh-CN': string; 'en-US': string } | null) => void;
}) {
  const { t } = useTranslation();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  useEffect(() => {
    setZh(current?.['zh-CN'] ?? '');
    setEn(current?.['en-US'] ?? '');
  }, [current]);
  return (
    <Modal
      open={field !== null}
      title={field ? t('formsEditor.relabelTitle', { field: field.title }) : ''}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: (zh.trim() === '') !== (en.trim() === '') }}
      onOk={() => {
        if (field)
          onSave(field.key, zh.trim() && en.trim() ? { 'zh-CN': zh.trim(), 'en-US': en.trim() } : null);
        onClose();
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          addonBefore={t('formsEditor.zh')}
          value={zh}
          onChange={(e) => setZh(e.target.value)}
          aria-label={t('formsEditor.titleZh')}
        />
        <Input
          addonBefore={t('formsEditor.en')}
          value={en}
          onChange={(e) => setEn(e.target.value)}
          aria-label={t('formsEditor.titleEn')}
        />
        <Typography.Text type="secondary">{t('formsEditor.relabelHint')}</Typography.Text>
      </Space>
    </Modal>
  );
}
