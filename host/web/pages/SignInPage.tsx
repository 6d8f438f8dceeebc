import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorWords } from '../api/api-error.ts';
import type { DemoLogin, Endpoints, Me } from '../api/endpoints.ts';
import { useAction } from '../app/use-async.ts';
import './SignInPage.css';

/** Demo logins the server lists; an empty list (or no such endpoint) means this is not the demo. */
async function demoLoginsOf(api: Endpoints): Promise<DemoLogin[]> {
  try {
    const reply = await api.demoLogins();
    return Array.isArray(reply) ? reply : Array.isArray(reply?.logins) ? reply.logins : [];
  } catch {
    return [];
  }
}

/** True while a `rate-limited` answer says to wait: the button stays off until the server will listen again. */
function useRetryWait(error: unknown): boolean {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const seconds =
      error instanceof ApiError && error.code === 'rate-limited' ? Number(error.params.retryAfter) : 0;
    if (!(seconds > 0)) {
      setWaiting(false);
      return;
    }
    setWaiting(true);
    const timer = setTimeout(() => setWaiting(false), seconds * 1000);
    return () => clearTimeout(timer);
  }, [error]);
  return waiting;
}

// The first page anyone downloads, so it is plain HTML with a few CSS rules in antd's look
// (SignInPage.css): antd itself (its style engine, Form, Input, Button) is ~85 kB gzip that loads
// after sign-in with the shell instead (issue 17).

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | null;
  children: (ids: { id: string; errorId: string }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="okr-sign-in-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, errorId })}
      {error ? (
        <div id={errorId} role="alert" className="okr-sign-in-field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function SignInPage({ api, onSignedIn }: { api: Endpoints; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ login: false, password: false });
  const [demo, setDemo] = useState<DemoLogin[]>([]);
  const { busy, error, run } = useAction();
  const waiting = useRetryWait(error);

  useEffect(() => {
    void demoLoginsOf(api).then(setDemo);
  }, [api]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const check = { login: login.trim() === '', password: password === '' };
    setMissing(check);
    if (check.login || check.password) return;
    const me = await run(() => api.login(login, password));
    if (me) onSignedIn(me);
  };

  return (
    <div className="okr-sign-in">
      <main className="okr-sign-in-card">
        <h1>{t('app.name')}</h1>
        <p className="okr-sign-in-intro">{t('signIn.intro')}</p>
        {error ? (
          <div role="alert" className="okr-sign-in-alert">
            {errorWords(error, t)}
          </div>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t('signIn.login')} error={missing.login ? t('signIn.loginRequired') : null}>
            {({ id, errorId }) => (
              <input
                id={id}
                name="login"
                value={login}
                onChange={(e) => {
                  setLogin(e.target.value);
                  if (e.target.value.trim() !== '') setMissing((m) => ({ ...m, login: false }));
                }}
                aria-invalid={missing.login}
                aria-describedby={missing.login ? errorId : undefined}
                autoComplete="username"
                // biome-ignore lint/a11y/noAutofocus: the page exists to type a login
                autoFocus
              />
            )}
          </Field>
          <Field label={t('signIn.password')} error={missing.password ? t('signIn.passwordRequired') : null}>
            {({ id, errorId }) => (
              <input
                id={id}
                name="password"
                type="password"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  if (e.target.value !== '') setMissing((m) => ({ ...m, password: false }));
                }}
                aria-invalid={missing.password}
                aria-describedby={missing.password ? errorId : undefined}
                autoComplete="current-password"
              />
            )}
          </Field>
          <button type="submit" className="okr-sign-in-primary" disabled={waiting} aria-busy={busy}>
            {t('signIn.submit')}
          </button>
        </form>
        {demo.length > 0 ? (
          <section aria-label={t('signIn.demoTitle')} className="okr-sign-in-demo">
            <strong>{t('signIn.demoTitle')}</strong>
            <ul>
              {demo.map((d) => (
                <li key={d.login}>
                  <span>
                    {d.displayName} · {t(`roles.${d.role}`)} · <code>{d.login}</code>
                  </span>
                  <button
                    type="button"
                    className="okr-sign-in-small"
                    onClick={() => {
                      setLogin(d.login);
                      setPassword(d.password);
                      setMissing({ login: false, password: false });
                    }}
                  >
                    {t('signIn.useDemo')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </div>
  );
}
