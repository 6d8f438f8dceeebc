import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../plugin/app/password-rule.ts';
import { passwordRules } from '../setup/password-rules.ts';
import type { AccountRow } from './organisation-api.ts';

export interface AccountValues {
  login: string;
  method: 'link' | 'password';
  password?: string;
}

/**
 * Creates an account (login, then a password the admin types or a one-time link) or resets one
 * (the same two ways; the login stays).
 */
export function AccountModal({
  row,
  busy,
  onOk,
  onCancel,
}: {
  row: AccountRow | null;
  busy: boolean;
  onOk: (v: AccountValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AccountValues>();
  const method = Form.useWatch('method', form);
  const reset = row?.login != null;
  useEffect(() => {
    if (row) form.setFieldsValue({ login: row.login ?? '', method: 'link', password: '' });
  }, [row, form]);
  return (
    <Modal
      open={row !== null}
      title={t(reset ? 'organisation.resetTitle' : 'organisation.createAccountTitle', {
        name: row?.name ?? '',
      })}
      okText={t(reset ? 'organisation.reset' : 'organisation.createAccount')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void form.validateFields().then(onOk)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'link' }}>
        <Form.Item
          name="login"
          label={t('organisation.login')}
          extra={reset ? null : t('setup.loginHint')}
          rules={[
            { required: true, message: t('setup.loginRequired') },
            { pattern: /^[a-z0-9._-]{2,60}$/, message: t('setup.loginRule') },
          ]}
        >
          <Input disabled={reset} maxLength={60} />
        </Form.Item>
        <Form.Item name="method" label={t('organisation.method')}>
          <Radio.Group>
            <Radio value="link">{t('organisation.methodLink')}</Radio>
            <Radio value="password">{t('organisation.methodPassword')}</Radio>
          </Radio.Group>
        </Form.Item>
        {method === 'password' ? (
          <Form.Item
            name="password"
            label={t('organisation.initialPassword')}
            extra={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            dependencies={['login']}
            rules={passwordRules(t, () => form.getFieldValue('login') ?? '')}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
