import { Tabs } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context.tsx';
import { useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AccountsTab } from './AccountsTab.tsx';
import { CyclesTab } from './CyclesTab.tsx';
import { organisationApi } from './organisation-api.ts';
import { PeopleTab } from './PeopleTab.tsx';
import { RegionsTab } from './RegionsTab.tsx';

/**
 * 组织与人员: regions, people, sign-in accounts and cycles. Admins change them; hr reads them (the
 * server refuses every other write whatever this page shows).
 */
export default function OrganisationPage() {
  const { t } = useTranslation();
  const { client, api, user, lang } = useApp();
  const org = useMemo(() => organisationApi(client), [client]);
  const data = useAsync(async () => {
    const [regions, people, cycles] = await Promise.all([api.regions(), api.people(), api.cycles()]);
    return { regions, people, cycles: cycles.cycles };
  }, [api]);
  const admin = user.role === 'admin';

  if (!data.data) return data.error ? <ErrorAlert error={data.error} /> : <Loading />;
  const { regions, people, cycles } = data.data;
  const tabs = [
    {
      key: 'regions',
      label: t('organisation.tabRegions'),
      children: <RegionsTab regions={regions} org={org} canEdit={admin} onChanged={data.reload} />,
    },
    {
      key: 'people',
      label: t('organisation.tabPeople'),
      children: (
        <PeopleTab
          people={people}
          regions={regions}
          org={org}
          lang={lang}
          canEdit={admin}
          onChanged={data.reload}
        />
      ),
    },
    ...(admin
      ? [{ key: 'accounts', label: t('organisation.tabAccounts'), children: <AccountsTab org={org} /> }]
      : []),
    {
      key: 'cycles',
      label: t('organisation.tabCycles'),
      children: (
        <CyclesTab
          cycles={cycles}
          people={people}
          regions={regions}
          org={org}
          canEdit={admin}
          today={new Date().toISOString().slice(0, 10)}
          onChanged={data.reload}
        />
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('organisation.title')} subtitle={t('organisation.subtitle')} />
      <ErrorAlert error={data.error} />
      <Tabs items={tabs} destroyOnHidden />
    </>
  );
}
