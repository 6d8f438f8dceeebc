import type { ComponentProps } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { ShellLang } from '../i18n/i18n.ts';
import { QrSignInPage } from '../kickoff/QrSignInPage.tsx';
import { AntdRoot } from './AntdRoot.tsx';

/** What App shows before or instead of the signed-in shell, loaded on demand with antd (App.tsx). */
export function QrSignIn({ lang, ...props }: ComponentProps<typeof QrSignInPage> & { lang: ShellLang }) {
  return (
    <AntdRoot lang={lang}>
      <QrSignInPage {...props} />
    </AntdRoot>
  );
}

export function BootError({ lang, error }: { lang: ShellLang; error: unknown }) {
  return (
    <AntdRoot lang={lang}>
      <div style={{ padding: 24 }}>
        <ErrorAlert error={error} />
      </div>
    </AntdRoot>
  );
}
