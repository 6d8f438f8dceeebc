import { Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

const PAGE = 100;
const SUBJECT_TYPES = [
  'settings',
  'link',
  'keyResult',
  'poolRun',
  'formOverlay',
  'checkIn',
  'escalation',
  'objective',
  'keyAccount',
  'activity',
  'board',
];

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

export default function AuditPage() {
  const { t } = useTranslation();
  const { api, lang } = useApp();
  const [subjectType, setSubjectType] = useState<string | undefined>(undefined);
  const entries = useAsync(() => api.audit({ subjectType, limit: PAGE }), [api, subjectType]);
  const people = useAsync(() => api.people(), [api]);
  const more = useAction();
  const [exhausted, setExhausted] = useState(false);
  const names = new Map((people.data ?? []).map((p) => [p.id, p.name]));

  const loadMore = async () => {
    const last = entries.data?.at(-1);
    if (!last) return;
    const next = await more.run(() => api.audit({ subjectType, limit: PAGE, beforeId: last.id }));
    if (next) {
      entries.setData((list) => [...(list ?? []), ...next]);
      if (next.length < PAGE) setExhausted(true);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Select
            allowClear
            placeholder={t('audit.allSubjects')}
            aria-label={t('audit.subjectType')}
            style={{ minWidth: 180 }}
            value={subjectType}
            onChange={(v) => {
              setExhausted(false);
              setSubjectType(v);
            }}
            options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`audit.subjects.${s}`) }))}
          />
        }
      />
      <ErrorAlert error={entries.error ?? more.error} />
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={entries.loading}
        dataSource={entries.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{
          expandedRowRender: (e) => (
            <Space align="start" wrap style={{ width: '100%' }}>
              <div>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <pre style={{ maxWidth: 520, maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
                  {json(e.before)}
                </pre>
              </div>
              <div>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <pre style={{ maxWidth: 520, maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
                  {json(e.after)}
                </pre>
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: t('audit.when'), render: (_, e) => new Date(e.at).toLocaleString(lang) },
          { title: t('audit.who'), render: (_, e) => names.get(e.actorId) ?? e.actorId },
          { title: t('audit.action'), render: (_, e) => <code>{e.action}</code> },
          {
            title: t('audit.subject'),
            render: (_, e) =>
              `${t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })} · ${e.subjectId}`,
          },
        ]}
      />
      {entries.data && entries.data.length >= PAGE && !exhausted ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={more.busy} onClick={() => void loadMore()}>
            {t('audit.more')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
