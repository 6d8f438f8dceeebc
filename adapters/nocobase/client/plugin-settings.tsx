import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEditorTabs } from './editor-tabs.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import { PeopleAccountsPanel } from './people-accounts.tsx';
import { OkrSettingsPage } from './settings-page.tsx';

/** The plugin's settings page: thresholds and weights, who signs in as which person, HR's automations and the admin's rules. */
export function OkrPluginSettings() {
  const { t } = useTranslation(LOCALE_NS);
  const editors = useEditorTabs();
  return (
    <Tabs
      items={[
        { key: 'settings', label: t('accounts.settingsTab'), children: <OkrSettingsPage /> },
        { key: 'accounts', label: t('accounts.tab'), children: <PeopleAccountsPanel /> },
        ...editors,
      ]}
    />
  );
}
