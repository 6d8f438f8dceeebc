import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import type { ShellLang } from '../i18n/i18n.ts';

/**
 * antd in the shell's language. Only the parts loaded after the first paint use antd (the signed-in
 * shell, the QR sign-in, a boot error): the sign-in page is plain HTML, so it ships without antd.
 */
export function AntdRoot({ lang, children }: { lang: ShellLang; children: ReactNode }) {
  return <ConfigProvider locale={lang === 'zh-CN' ? zhCNAntd : enUSAntd}>{children}</ConfigProvider>;
}
