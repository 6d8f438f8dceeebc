import type { ComponentProps } from 'react';
import { AntdRoot } from '../../app/AntdRoot.tsx';
import type { ShellLang } from '../../i18n/i18n.ts';
import { AccountLinkPage } from './AccountLinkPage.tsx';
import { SetupPage } from './SetupPage.tsx';

// Loaded on demand before sign-in (App.tsx), with antd, like the QR sign-in.
export function FirstRunSetup({ lang, ...props }: ComponentProps<typeof SetupPage> & { lang: ShellLang }) {
  return (
    <AntdRoot lang={lang}>
      <SetupPage {...props} />
    </AntdRoot>
  );
}

export function AccountLink({
  lang,
  ...props
}: ComponentProps<typeof AccountLinkPage> & { lang: ShellLang }) {
  return (
    <AntdRoot lang={lang}>
      <AccountLinkPage {...props} />
    </AntdRoot>
  );
}
