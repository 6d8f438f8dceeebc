import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Input,
  message,
  Radio,
  Select,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import type { ImportIssue, ImportResult } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import {
  csvHeaders,
  fileToBase64,
  guessMapping,
  IMPORT_FIELDS,
  type ImportKind,
  mappingOf,
} from './import-mapping.ts';

type Mode = 'all-or-nothing' | 'skip-bad-rows';

/** What the server reads; anything else is refused before it is sent. */
const ACCEPTED_TYPES = ['.xlsx', '.csv'] as const;
const isAccepted = (name: string) => ACCEPTED_TYPES.some((ext) => name.toLowerCase().endsWith(ext));

export default function ImportPage() {
  const { t } = useTranslation();
  const { api, client, lang } = useApp();
  const [kind, setKind] = useState<ImportKind>('activities');
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [byField, setByField] = useState<Record<string, string | undefined>>({});
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [moneyUnit, setMoneyUnit] = useState<'yuan' | 'cents'>('yuan');
  const [working, setWorking] = useState<'checking' | 'importing' | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fields = IMPORT_FIELDS[kind];
  const labels = (field: string) => [t(`import.fields.${field}`)];

  const choose = async (f: File) => {
    setResult(null);
    if (!isAccepted(f.name)) {
      setFile(null);
      setError(
        new Error(t('import.wrongType', { name: f.name, accepted: ACCEPTED_TYPES.join(t('import.or')) })),
      );
      return;
    }
    setFile(f);
    setError(null);
    if (/\.csv$/i.test(f.name)) {
      const found = csvHeaders(await f.slice(0, 64 * 1024).text());
      setHeaders(found);
      setByField(guessMapping(found, labels, fields));
    } else {
      setHeaders([]);
      setByField({});
    }
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setWorking(dryRun ? 'checking' : 'importing');
    setError(null);
    try {
      const body = {
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        mapping: mappingOf(byField),
        mode,
        moneyUnit,
      };
      const done = await api.importFile(kind, body, dryRun);
      setResult(done);
      if (!dryRun) void message.success(t('import.done', { created: done.created, updated: done.updated }));
    } catch (e) {
      // A refused import answers 422 with the full result: show its rows, not just an error.
      if (e instanceof ApiError && typeof e.extra.total === 'number')
        setResult(e.extra as unknown as ImportResult);
      else setError(e);
    } finally {
      setWorking(null);
    }
  };

  const step = result ? (result.dryRun ? 2 : 3) : file ? 1 : 0;
  const mapped = Object.values(byField).filter(Boolean).length;

  return (
    <div>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('import.steps.file') },
          { title: t('import.steps.map') },
          { title: t('import.steps.check') },
          { title: t('import.steps.done') },
        ]}
      />
      <ErrorAlert error={error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setByField(guessMapping(headers, labels, IMPORT_FIELDS[e.target.value as ImportKind]));
              setResult(null);
            }}
            optionType="button"
            options={(['activities', 'keyAccounts'] as const).map((k) => ({
              value: k,
              label: t(`import.kinds.${k}`),
            }))}
          />
          <Upload
            accept={ACCEPTED_TYPES.join(',')}
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{file ? file.name : t('import.choose')}</Button>
          </Upload>
          <Button
            icon={<DownloadOutlined />}
            href={client.url(`/api/import-template/${kind}`, { lang })}
            download
          >
            {t('import.template')}
          </Button>
          {kind === 'activities' ? (
            <Select
              aria-label={t('import.moneyUnit')}
              value={moneyUnit}
              onChange={setMoneyUnit}
              options={[
                { value: 'yuan', label: t('import.yuan') },
                { value: 'cents', label: t('import.cents') },
              ]}
            />
          ) : null}
        </Space>
      </Card>
      {!file ? <EmptyHint text={t('import.empty')} /> : null}
      {file ? (
        <Card size="small" title={t('import.mapping')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            {headers.length > 0 ? t('import.mappingCsv') : t('import.mappingXlsx')}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={fields.map((field) => ({ field }))}
            columns={[
              { title: t('import.field'), render: (_, r) => t(`import.fields.${r.field}`) },
              {
                title: t('import.column'),
                render: (_, r) =>
                  headers.length > 0 ? (
                    <Select
                      allowClear
                      style={{ minWidth: 180 }}
                      value={byField[r.field]}
                      onChange={(v) => setByField((m) => ({ ...m, [r.field]: v }))}
                      options={headers.map((h) => ({ value: h, label: h }))}
                      aria-label={t(`import.fields.${r.field}`)}
                    />
                  ) : (
                    <Input
                      style={{ maxWidth: 220 }}
                      value={byField[r.field] ?? ''}
                      onChange={(e) => setByField((m) => ({ ...m, [r.field]: e.target.value || undefined }))}
                      aria-label={t(`import.fields.${r.field}`)}
                    />
                  ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value)}
              options={[
                { value: 'all-or-nothing', label: t('import.modes.all') },
                { value: 'skip-bad-rows', label: t('import.modes.skip') },
              ]}
            />
            <Button disabled={mapped === 0 || working !== null} onClick={() => void send(true)}>
              {t('import.check')}
            </Button>
            <Button
              type="primary"
              disabled={
                mapped === 0 ||
                working !== null ||
                !result?.dryRun ||
                (result.invalid > 0 && mode === 'all-or-nothing')
              }
              onClick={() => void send(false)}
            >
              {t('import.run')}
            </Button>
          </Space>
        </Card>
      ) : null}
      {working ? (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={t(`import.${working}`)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {result ? <ImportResultView result={result} /> : null}
    </div>
  );
}

function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const status = result.refused ? 'error' : result.dryRun ? 'info' : 'success';
  const message = result.refused
    ? t('import.refused', { count: result.invalid })
    : result.dryRun
      ? t('import.checked', { valid: result.valid, total: result.total })
      : t('import.done', { created: result.created, updated: result.updated });
  return (
    <Card size="small" title={t('import.result')}>
      <Alert type={status} showIcon message={message} style={{ marginBottom: 12 }} />
      <Space wrap size="large">
        <Statistic title={t('import.total')} value={result.total} />
        <Statistic title={t('import.valid')} value={result.valid} />
        <Statistic title={t('import.invalid')} value={result.invalid} />
        <Statistic title={t('import.created')} value={result.created} />
        <Statistic title={t('import.updated')} value={result.updated} />
      </Space>
      {result.issues.length > 0 ? (
        <Table<ImportIssue>
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.reason ?? ''}`}
          dataSource={result.issues}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('import.row'), dataIndex: 'row' },
            { title: t('import.column'), render: (_, i) => i.column ?? '—' },
            {
              title: t('import.reason'),
              render: (_, i) =>
                t(`import.reasons.${i.reason}`, {
                  defaultValue: i.reason ?? '',
                  row: i.row,
                  column: i.column ?? '',
                  value: (i as { value?: string }).value ?? '',
                }),
            },
            { title: t('import.value'), render: (_, i) => (i as { value?: string }).value ?? '' },
          ]}
        />
      ) : null}
    </Card>
  );
}
