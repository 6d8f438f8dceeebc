import { useAPIClient } from '@nocobase/client';
import type { TabsProps } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { isShellLang } from '../../../host/web/i18n/i18n.ts';
import { AutomationsEditorPage } from '../../../host/web/pages/automations/AutomationsPage.tsx';
import { EditorsPortContext } from '../../../host/web/pages/automations/editors-port.tsx';
import { RulesEditorPage } from '../../../host/web/pages/rules/RulesPage.tsx';
import { editorsI18n } from './editors-i18n.ts';
import { nocobaseEditorsPort, type RequestFn } from './editors-port.ts';
import { LOCALE_NS } from './locale-ns.ts';

/** The reference host's editor pages over `okrAlign:<action>` requests, in their own words. */
function Editors({ children }: { children: ReactNode }) {
  const api = useAPIClient();
  const { i18n } = useTranslation(LOCALE_NS);
  const lang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  const port = useMemo(
    () => nocobaseEditorsPort((r) => api.request(r) as ReturnType<RequestFn>, lang),
    [api, lang],
  );
  const words = useMemo(() => editorsI18n(lang), [lang]);
  return (
    <I18nextProvider i18n={words}>
      <EditorsPortContext.Provider value={port}>{children}</EditorsPortContext.Provider>
    </I18nextProvider>
  );
}

/** The settings page's tabs of HR's automation editor and the admin's rule editor. */
export function useEditorTabs(): NonNullable<TabsProps['items']> {
  const { t } = useTranslation(LOCALE_NS);
  return [
    {
      key: 'automations',
      label: t('editors.automationsTab'),
      children: (
        <Editors>
          <AutomationsEditorPage />
        </Editors>
      ),
    },
    {
      key: 'rules',
      label: t('editors.rulesTab'),
      children: (
        <Editors>
          <RulesEditorPage />
        </Editors>
      ),
    },
  ];
}
