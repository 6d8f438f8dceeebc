import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorWords } from '../api/api-error.ts';

/** A server or network error in words: the server's message, never a bare status code. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const missing = error instanceof ApiError && error.isMissingEndpoint;
  const issues =
    error instanceof ApiError && Array.isArray(error.extra.issues)
      ? (error.extra.issues as { path?: string; message?: string }[])
      : [];
  return (
    <Alert
      role="alert"
      type={missing ? 'info' : 'error'}
      showIcon
      closable={onClose !== undefined}
      onClose={onClose}
      message={missing ? t('errors.notAvailable') : errorWords(error, t)}
      description={
        missing ? (
          errorWords(error, t)
        ) : issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((i) => (
              <li key={`${i.path}-${i.message}`}>{[i.path, i.message].filter(Boolean).join(': ')}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
