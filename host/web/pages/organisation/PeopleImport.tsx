import { Alert, Button, message, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { OrganisationApi, PeopleIssue } from './organisation-api.ts';

/** A file's bytes as base64, for the JSON upload. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Adds people from the .xlsx template (or a CSV with its columns); a refused file lists each bad cell. */
export function PeopleImport({
  org,
  lang,
  onImported,
}: {
  org: OrganisationApi;
  lang: string;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [issues, setIssues] = useState<PeopleIssue[]>([]);

  const upload = async (file: File) => {
    setIssues([]);
    const result = await action.run(async () => {
      try {
        return await org.importPeople(file.name, await base64Of(file));
      } catch (e) {
        const extra = (e as { extra?: { issues?: PeopleIssue[] } }).extra;
        if (extra?.issues?.length) {
          setIssues(extra.issues);
          return undefined;
        }
        throw e;
      }
    });
    if (result) {
      void message.success(t('organisation.imported', { count: result.created }));
      onImported();
    }
  };

  const say = (i: PeopleIssue) =>
    t('organisation.issue', {
      row: i.row,
      column: i.column,
      problem: t(`organisation.importReason.${i.reason}`, { value: i.value, column: i.column }),
      allowed: i.allowed?.length ? t('organisation.allowed', { values: i.allowed.join('、') }) : '',
    });

  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap>
        <Button href={org.templateUrl(lang)} download>
          {t('organisation.downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button loading={action.busy}>{t('organisation.importPeople')}</Button>
        </Upload>
      </Space>
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {issues.length ? (
        <Alert
          type="error"
          showIcon
          message={t('organisation.importRefused', { count: new Set(issues.map((i) => i.row)).size })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {issues.slice(0, 50).map((i) => (
                <li key={`${i.row}-${i.field}`}>{say(i)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Space>
  );
}
