import { useAPIClient } from '@nocobase/client';
import type { TabsProps } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createShellI18n, isShellLang, type ShellLang } from '../../../host/web/i18n/i18n.ts';
import { AutomationsEditorPage } from '../../../host/web/pages/automations/AutomationsPage.tsx';
import { EditorsPortContext } from '../../../host/web/pages/automations/editors-port.tsx';
import { RobotsPanel } from '../../../host/web/pages/channels/RobotsPanel.tsx';
import { RulesEditorPage } from '../../../host/web/pages/rules/RulesPage.tsx';
import { nocobaseEditorsPort, type RequestFn } from './editors-port.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { nocobaseRobotsPort } from './robots-port.ts';

type Page = 'automations' | 'rules' | 'robots';

/** A page of the reference host over `okrAlign:<action>` requests, in its own words. */
function ShellPage({ page }: { page: Page }) {
  const api = useAPIClient();
  const { i18n } = useTranslation(LOCALE_NS);
  const lang: ShellLang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  const request = useMemo<RequestFn>(() => (r) => api.request(r) as ReturnType<RequestFn>, [api]);
  const words = useMemo(() => createShellI18n(lang, { bindReact: false }), [lang]);
  const editors = useMemo(() => nocobaseEditorsPort(request, lang), [request, lang]);
  const robots = useMemo(() => nocobaseRobotsPort(request), [request]);
  const content: ReactNode =
    page === 'robots' ? (
      <RobotsPanel port={robots} lang={lang} />
    ) : (
      <EditorsPortContext.Provider value={editors}>
        {page === 'automations' ? <AutomationsEditorPage /> : <RulesEditorPage />}
      </EditorsPortContext.Provider>
    );
  return <I18nextProvider i18n={words}>{content}</I18nextProvider>;
}

/** The settings page's tabs of HR's automation editor, the admin's rule editor and the group robots. */
export function useEditorTabs(): NonNullable<TabsProps['items']> {
  const { t } = useTranslation(LOCALE_NS);
  const tab = (page: Page, label: string) => ({ key: page, label, children: <ShellPage page={page} /> });
  return [
    tab('automations', t('editors.automationsTab')),
    tab('rules', t('editors.rulesTab')),
    tab('robots', t('editors.robotsTab')),
  ];
}
