import {
  Alert,
  Button,
  Card,
  Form,
  type FormRule,
  Input,
  InputNumber,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';

import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { notifyEndpoints, type ScheduleVersion } from '../api/notify-endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import {
  type ScheduleField,
  scheduleFormFields,
  scheduleFormTitle,
  toIntegers,
} from './schedule-form-model.ts';

type Translate = (key: string, params?: Record<string, unknown>) => string;

function rulesOf(f: ScheduleField, t: Translate): FormRule[] {
  const field = f.title;
  const rules: FormRule[] = [];
  const needsValue = f.kind === 'integer' || f.kind === 'integers' || (f.kind === 'text' && !f.pattern);
  if (f.required && needsValue) rules.push({ required: true, message: t('schedules.required', { field }) });
  if (f.kind === 'integer' && (f.minimum !== undefined || f.maximum !== undefined))
    rules.push({
      type: 'integer',
      min: f.minimum,
      max: f.maximum,
      message: t('schedules.range', { field, min: f.minimum ?? '−∞', max: f.maximum ?? '∞' }),
    });
  const pattern = f.pattern;
  if (f.kind === 'text' && pattern) {
    // An empty optional address is allowed by the schema's own pattern; a required time is not.
    rules.push({
      validator: async (_, v: unknown) => {
        if (!pattern.test(typeof v === 'string' ? v : '')) throw new Error(t('schedules.format', { field }));
      },
    });
  }
  if (f.kind === 'texts' && pattern)
    rules.push({
      validator: async (_, v: unknown) => {
        const bad = (Array.isArray(v) ? v : []).filter((x) => !pattern.test(String(x)));
        if (bad.length > 0) throw new Error(t('schedules.formatItems', { field, values: bad.join(', ') }));
      },
    });
  if (f.kind === 'integers' || f.kind === 'texts')
    rules.push({
      validator: async (_, v: unknown) => {
        const n = Array.isArray(v) ? v.length : 0;
        if ((f.minItems !== undefined && n < f.minItems) || (f.maxItems !== undefined && n > f.maxItems))
          throw new Error(t('schedules.count', { field, min: f.minItems ?? 0, max: f.maxItems ?? '∞' }));
        if (f.kind === 'integers') {
          const out = toIntegers(v).filter(
            (x) => (f.minimum !== undefined && x < f.minimum) || (f.maximum !== undefined && x > f.maximum),
          );
          if (out.length > 0)
            throw new Error(t('schedules.range', { field, min: f.minimum ?? '−∞', max: f.maximum ?? '∞' }));
        }
      },
    });
  return rules;
}

function FieldView({ f, t, top }: { f: ScheduleField; t: Translate; top: boolean }): ReactNode {
  if (f.kind === 'section') {
    const children = (f.children ?? []).map((c) => (
      <FieldView key={c.path.join('.')} f={c} t={t} top={false} />
    ));
    if (top)
      return (
        <Card size="small" title={f.title} style={{ marginBottom: 16 }}>
          {f.description ? (
            <Typography.Paragraph type="secondary">{f.description}</Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      );
    return (
      <fieldset
        style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 12 }}
      >
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', marginBottom: 0, border: 0 }}>
          {f.title}
        </legend>
        {f.description ? <Typography.Paragraph type="secondary">{f.description}</Typography.Paragraph> : null}
        {children}
      </fieldset>
    );
  }
  if (f.kind === 'fixed') return <Form.Item name={f.path} hidden noStyle />;
  const unit = f.unit ? t(`schedules.units.${f.unit}`) : undefined;
  const common = { name: f.path, label: f.title, extra: f.description, rules: rulesOf(f, t) };
  if (f.kind === 'boolean')
    return (
      <Form.Item {...common} valuePropName="checked">
        <Switch />
      </Form.Item>
    );
  if (f.kind === 'integer')
    return (
      <Form.Item {...common}>
        <InputNumber precision={0} suffix={unit} style={{ maxWidth: 220 }} />
      </Form.Item>
    );
  if (f.kind === 'integers') {
    const range =
      f.minimum !== undefined && f.maximum !== undefined && f.maximum - f.minimum <= 60
        ? Array.from({ length: f.maximum - f.minimum + 1 }, (_, i) => (f.minimum as number) + i)
        : [];
    return (
      <Form.Item {...common} normalize={toIntegers}>
        {/* A short range is picked from a list; a long one is typed (tags take text, never numbers). */}
        {range.length > 0 ? (
          <Select mode="multiple" options={range.map((n) => ({ value: n, label: String(n) }))} />
        ) : (
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
        )}
      </Form.Item>
    );
  }
  if (f.kind === 'texts')
    return (
      <Form.Item {...common}>
        <Select mode="tags" tokenSeparators={[',', ' ', '\n']} open={false} suffixIcon={null} />
      </Form.Item>
    );
  return (
    <Form.Item {...common}>
      <Input maxLength={f.maxLength} style={{ maxWidth: 420 }} />
    </Form.Item>
  );
}

/** The reminder and report schedule (hr, admin): a form generated from its schema, saved as a new version. */
export default function SchedulesPage() {
  const { t } = useTranslation();
  const { client, lang } = useApp();
  const notify = useMemo(() => notifyEndpoints(client), [client]);
  const current = useAsync(() => notify.schedule(), [notify]);
  const versions = useAsync(() => notify.scheduleVersions(), [notify]);
  const fields = useMemo(() => scheduleFormFields(lang), [lang]);
  const heading = useMemo(() => scheduleFormTitle(lang), [lang]);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [overtaken, setOvertaken] = useState<ScheduleVersion | null>(null);
  const action = useAction();

  // The save names the version the form was loaded from; the server refuses it when another save
  // came in between, and the page then shows that version (the reason typed is kept for a retry).
  const save = async (values: Record<string, unknown>, baseVersion: number) => {
    setOvertaken(null);
    const refused: { current: ScheduleVersion | null } = { current: null };
    const result = await action.run(async () => {
      try {
        return await notify.saveSchedule(values, reason.trim(), baseVersion);
      } catch (err) {
        if (!(err instanceof ApiError && err.isStale)) throw err;
        refused.current = err.extra.current as ScheduleVersion;
        return undefined;
      }
    });
    const stale = refused.current;
    if (stale) {
      setSaved(null);
      setOvertaken(stale);
      current.setData(stale);
      // The form keeps what was typed across versions; show the stored version instead.
      form.setFieldsValue(stale.document as Parameters<typeof form.setFieldsValue>[0]);
      versions.reload();
    }
    if (!result) return;
    setSaved(result.version);
    setReason('');
    current.setData(result);
    versions.reload();
  };

  if (current.error && !current.data) return <ErrorAlert error={current.error} />;
  if (!current.data) return <Loading />;
  const doc = current.data;

  return (
    <div>
      <PageHeader
        title={t('schedules.title')}
        subtitle={
          doc.version === 0
            ? t('schedules.defaults')
            : t('schedules.current', {
                version: doc.version,
                at: new Date(doc.createdAt).toLocaleString(lang),
                reason: doc.reason,
              })
        }
      />
      {heading.description ? (
        <Typography.Paragraph type="secondary">{heading.description}</Typography.Paragraph>
      ) : null}
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {overtaken ? (
        <Alert
          role="alert"
          type="warning"
          showIcon
          closable
          onClose={() => setOvertaken(null)}
          message={t('schedules.stale', {
            version: overtaken.version,
            author: overtaken.authorId,
            reason: overtaken.reason,
          })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {saved !== null ? (
        <Alert
          role="status"
          type="success"
          showIcon
          closable
          onClose={() => setSaved(null)}
          message={t('schedules.saved', { version: saved })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form
        key={doc.version}
        form={form}
        layout="vertical"
        initialValues={doc.document}
        onFinish={(values) => void save(values, doc.version)}
        scrollToFirstError
      >
        {fields.map((f) => (
          <FieldView key={f.path.join('.')} f={f} t={t} top={f.kind === 'section'} />
        ))}
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item label={t('schedules.reason')} required extra={t('schedules.reasonHint')}>
            <Input.TextArea
              rows={2}
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('schedules.reason')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.busy} disabled={reason.trim() === ''}>
            {t('schedules.save')}
          </Button>
        </Card>
      </Form>
      <Card size="small" title={t('schedules.versions')}>
        <ErrorAlert error={versions.error} />
        <Table<ScheduleVersion>
          size="small"
          rowKey="version"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('schedules.noVersions') }}
          columns={[
            { title: t('schedules.version'), dataIndex: 'version' },
            { title: t('schedules.savedAt'), render: (_, v) => new Date(v.createdAt).toLocaleString(lang) },
            { title: t('schedules.author'), dataIndex: 'authorId' },
            { title: t('schedules.reason'), dataIndex: 'reason' },
          ]}
        />
      </Card>
    </div>
  );
}
