import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type ErrorIssue, errorWords, issueWords } from '../api/api-error.ts';
import { isShellLang } from '../i18n/i18n.ts';
import { settingsTitle } from '../i18n/settings-titles.ts';

/** A server or network error in words of the user's language, never a bare status code. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const missing = error instanceof ApiError && error.isMissingEndpoint;
  const issues =
    error instanceof ApiError && Array.isArray(error.extra.issues)
      ? (error.extra.issues as ErrorIssue[])
      : [];
  const lang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  // A server failure says nothing a person can act on: generic words, and the id that finds it in the log.
  const failed = error instanceof ApiError && error.status >= 500;
  const requestId = failed && typeof error.extra.requestId === 'string' ? error.extra.requestId : null;
  const fieldTitle = (path: string) =>
    error instanceof ApiError && error.code === 'invalid-settings' ? settingsTitle(path, lang) : undefined;
  return (
    <Alert
      role="alert"
      type={missing ? 'info' : 'error'}
      showIcon
      closable={onClose !== undefined}
      onClose={onClose}
      message={missing ? t('errors.notAvailable') : failed ? t('errors.server') : errorWords(error, t)}
      description={
        missing ? (
          error.message
        ) : failed ? (
          requestId ? (
            t('words.requestId', { id: requestId })
          ) : undefined
        ) : issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((i) => (
              <li key={`${i.path}-${i.message}`}>{issueWords(i, t, fieldTitle)}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
