import { Button, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { type ReadableChange, readableChanges } from './audit-changes.ts';

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
  'person',
  'region',
  'cycle',
  'peerReview',
];

export default function AuditPage() {
  const { t } = useTranslation();
  const { api, lang } = useApp();
  const [subjectType, setSubjectType] = useState<string | undefined>(undefined);
  const entries = useAsync(() => api.audit({ subjectType, limit: PAGE }), [api, subjectType]);
  const people = useAsync(() => api.people(), [api]);
  const more = useAction();
  const [exhausted, setExhausted] = useState(false);
  const names = new Map((people.data ?? []).map((p) => [p.id, p.name]));
  const actorWords = (e: AuditEntry) => {
    const a = e.actor;
    if (!a) return names.get(e.actorId) ?? e.actorId ?? t('audit.system');
    if (a.kind === 'person') return a.name;
    if (a.kind === 'demo') return t('audit.demoSystem');
    if (a.kind === 'system') return t('audit.system');
    return names.get(a.id) ?? t('audit.unknownActor');
  };
  const subjectWords = (e: AuditEntry) => {
    if (e.subjectType === 'settings') return t('settings.versionN', { version: e.subjectId });
    if (e.subjectType === 'formOverlay')
      return t(`formsEditor.forms.${e.subjectId}`, { defaultValue: e.subjectId });
    return e.subjectName ?? e.subjectId;
  };

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
            <Table<ReadableChange>
              size="small"
              rowKey="path"
              pagination={false}
              data-testid="audit-changes"
              locale={{ emptyText: t('audit.noChanges') }}
              dataSource={readableChanges(e.subjectType, e.before, e.after, {
                lang,
                t,
                personName: (id) => names.get(id),
              })}
              columns={[
                { title: t('audit.field'), dataIndex: 'field' },
                { title: t('audit.before'), dataIndex: 'before' },
                {
                  title: t('audit.after'),
                  render: (_, c) => <Typography.Text strong>{c.after}</Typography.Text>,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('audit.when'), render: (_, e) => new Date(e.at).toLocaleString(lang) },
          { title: t('audit.who'), render: (_, e) => actorWords(e) },
          {
            title: t('audit.action'),
            render: (_, e) => t(`words.actions.${e.action}`, { defaultValue: e.action }),
          },
          {
            title: t('audit.subject'),
            render: (_, e) =>
              `${t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })} · ${subjectWords(e)}`,
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
