import { Button, Modal, message, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AccountModal, type AccountValues } from './AccountModal.tsx';
import { type AccountRow, type IssuedLink, linkAddress, type OrganisationApi } from './organisation-api.ts';

/** For each person: a sign-in account (password or one-time link), reset it, disable or enable it. */
export function AccountsTab({ org }: { org: OrganisationApi }) {
  const { t, i18n } = useTranslation();
  const accounts = useAsync(() => org.accounts(), [org]);
  const action = useAction();
  const [editing, setEditing] = useState<AccountRow | null>(null);
  const [link, setLink] = useState<(IssuedLink & { name: string }) | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  const save = async (v: AccountValues) => {
    const row = editing as AccountRow;
    const password = v.method === 'password' ? v.password : undefined;
    const reply = await action.run(() =>
      row.login
        ? org.resetAccount(row.personId, password)
        : org.createAccount(row.personId, v.login, password),
    );
    if (!reply) return;
    void message.success(
      t(row.login ? 'organisation.accountReset' : 'organisation.accountCreated', { name: row.name }),
    );
    setEditing(null);
    if (reply.link) setLink({ ...reply.link, name: row.name });
    accounts.reload();
  };

  const toggle = async (row: AccountRow) => {
    const done = await action.run(() => org.setDisabled(row.personId, !row.disabled));
    if (!done) return;
    void message.success(
      t(row.disabled ? 'organisation.accountEnabled' : 'organisation.accountDisabled', { name: row.name }),
    );
    accounts.reload();
  };

  const status = (a: AccountRow) => {
    if (!a.login) return <Tag>{t('organisation.noAccount')}</Tag>;
    if (a.disabled) return <Tag color="red">{t('organisation.disabled')}</Tag>;
    if (a.linkExpiresAt)
      return <Tag color="gold">{t('organisation.linkOpen', { until: when(a.linkExpiresAt) })}</Tag>;
    return a.hasPassword ? (
      <Tag color="green">{t('organisation.active')}</Tag>
    ) : (
      <Tag>{t('organisation.noPassword')}</Tag>
    );
  };

  return (
    <>
      <ErrorAlert error={accounts.error ?? action.error} onClose={action.clearError} />
      <Table<AccountRow>
        rowKey="personId"
        loading={accounts.loading}
        dataSource={accounts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('organisation.personName'), dataIndex: 'name' },
          { title: t('organisation.role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
          { title: t('organisation.login'), dataIndex: 'login', render: (l: string | null) => l ?? '' },
          {
            title: t('organisation.status'),
            key: 'status',
            render: (_: unknown, a: AccountRow) => status(a),
          },
          {
            title: t('organisation.actions'),
            key: 'actions',
            render: (_: unknown, a: AccountRow) => (
              <Space>
                <Button size="small" onClick={() => setEditing(a)}>
                  {t(a.login ? 'organisation.reset' : 'organisation.createAccount')}
                </Button>
                {a.login ? (
                  <Popconfirm
                    title={t(a.disabled ? 'organisation.enableConfirm' : 'organisation.disableConfirm', {
                      name: a.name,
                    })}
                    okText={t(a.disabled ? 'organisation.enable' : 'organisation.disable')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void toggle(a)}
                  >
                    <Button size="small" danger={!a.disabled}>
                      {t(a.disabled ? 'organisation.enable' : 'organisation.disable')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <AccountModal
        row={editing}
        busy={action.busy}
        onOk={(v) => void save(v)}
        onCancel={() => setEditing(null)}
      />
      <Modal
        open={link !== null}
        title={t('organisation.linkTitle', { name: link?.name ?? '' })}
        footer={<Button onClick={() => setLink(null)}>{t('common.close')}</Button>}
        onCancel={() => setLink(null)}
      >
        {link ? (
          <>
            <Typography.Paragraph>
              {t('organisation.linkHandOver', { until: when(link.expiresAt) })}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: linkAddress(window.location.origin, link.token) }} code>
              {linkAddress(window.location.origin, link.token)}
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </>
  );
}
