import { useAPIClient } from '@nocobase/client';
import { Alert, Card, Select, Spin, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NocobaseAccount, PersonAccount } from '../server/account-links.ts';
import { LOCALE_NS } from './locale-ns.ts';

interface PeopleAccounts {
  people: PersonAccount[];
  accounts: NocobaseAccount[];
}

const problemOf = (e: unknown): string => {
  const data = (e as { response?: { data?: { errors?: { message?: string }[] } } }).response?.data;
  return data?.errors?.[0]?.message ?? (e instanceof Error ? e.message : String(e));
};

/** Admin panel: which NocoBase account signs in as which person of the pack (one account, one person). */
export function PeopleAccountsPanel() {
  const api = useAPIClient();
  const { t } = useTranslation(LOCALE_NS);
  const [data, setData] = useState<PeopleAccounts | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api
        .request<PeopleAccounts>({ url: 'okrAlign:peopleAccounts' })
        .then((r) => setData(r.data.data))
        .catch((e: unknown) => setProblem(problemOf(e))),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const connect = async (person: PersonAccount, userId: string | null) => {
    setSaving(person.personId);
    setProblem(null);
    setSaved(null);
    try {
      await api.request({
        url: 'okrAlign:connectAccount',
        method: 'post',
        data: { personId: person.personId, userId },
      });
      const account = data?.accounts.find((a) => a.userId === userId)?.name;
      setSaved(
        userId
          ? t('accounts.connected', { person: person.name, account })
          : t('accounts.disconnected', { person: person.name }),
      );
      await load();
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setSaving(null);
    }
  };

  if (!data) return problem ? <Alert type="error" message={problem} /> : <Spin />;
  const taken = new Map(data.people.filter((p) => p.userId).map((p) => [p.userId, p.name]));
  return (
    <Card title={t('accounts.title')} data-testid="okr-align-people-accounts">
      <Typography.Paragraph type="secondary">{t('accounts.help')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      {saved && <Alert type="success" showIcon message={saved} style={{ marginBottom: 12 }} />}
      <Table<PersonAccount>
        rowKey="personId"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={data.people}
        columns={[
          { title: t('accounts.person'), dataIndex: 'name' },
          { title: t('accounts.role'), dataIndex: 'role', render: (role: string) => t(`roles.${role}`) },
          {
            title: t('accounts.account'),
            key: 'account',
            render: (_: unknown, person) => (
              <Select
                aria-label={t('accounts.accountOf', { person: person.name })}
                style={{ minWidth: 220 }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('accounts.none')}
                loading={saving === person.personId}
                value={person.userId ?? undefined}
                onChange={(userId?: string) => void connect(person, userId ?? null)}
                options={data.accounts.map((a) => ({
                  value: a.userId,
                  label: a.name,
                  disabled: taken.has(a.userId) && taken.get(a.userId) !== person.name,
                }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
