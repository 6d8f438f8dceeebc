import { Button, Checkbox, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../plugin/domain/types.ts';
import { type MessageLang, PLATFORMS, type WebhookInput, type WebhookView } from '../api/notify-endpoints.ts';
import {
  type ChannelFormValues,
  channelFormInitial,
  HQ_REGION,
  webhookInputFrom,
} from './channel-form-model.ts';

export interface ChannelFormProps {
  existing: WebhookView | null;
  regions: Region[];
  lang: MessageLang;
  busy?: boolean;
  onSubmit: (input: WebhookInput) => void;
  onCancel: () => void;
}

/**
 * Add or edit a group robot. The stored address and secret are shown only as the server's masked
 * form; typing a new one replaces it, leaving the box empty keeps it.
 */
export function ChannelForm({ existing, regions, lang, busy, onSubmit, onCancel }: ChannelFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChannelFormValues>();
  const clearSecret = Form.useWatch('clearSecret', form);
  const editing = existing !== null;
  return (
    <Form<ChannelFormValues>
      form={form}
      layout="vertical"
      initialValues={channelFormInitial(existing, lang)}
      onFinish={(values) => onSubmit(webhookInputFrom(values, existing))}
      data-testid="channel-form"
    >
      <Form.Item name="region" label={t('channels.region')}>
        <Select
          options={[
            { value: HQ_REGION, label: t('channels.hq') },
            ...regions.map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
      </Form.Item>
      <Form.Item name="platform" label={t('channels.platform')}>
        <Select options={PLATFORMS.map((p) => ({ value: p, label: t(`channels.platforms.${p}`) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('channels.name')}
        rules={[{ required: true, whitespace: true, message: t('channels.nameNeeded') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('channels.url')}
        extra={editing ? t('channels.urlKeep', { url: existing.url }) : t('channels.urlHint')}
        rules={[
          { required: !editing, message: t('channels.urlNeeded') },
          { pattern: /^https?:\/\/\S+$/, message: t('channels.urlInvalid') },
        ]}
      >
        <Input placeholder={editing ? existing.url : 'https://'} maxLength={1000} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="secret"
        label={t('channels.secret')}
        extra={
          editing && existing.hasSecret
            ? t('channels.secretKeep', { secret: existing.secret })
            : t('channels.secretHint')
        }
      >
        <Input.Password
          placeholder={editing && existing.hasSecret ? existing.secret : ''}
          disabled={clearSecret === true}
          maxLength={500}
          autoComplete="new-password"
          aria-label={t('channels.secret')}
        />
      </Form.Item>
      {editing && existing.hasSecret ? (
        <Form.Item name="clearSecret" valuePropName="checked">
          <Checkbox>{t('channels.clearSecret')}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item name="lang" label={t('channels.lang')}>
        <Select
          options={[
            { value: 'zh-CN', label: t('app.lang.zh-CN') },
            { value: 'en-US', label: t('app.lang.en-US') },
          ]}
        />
      </Form.Item>
      <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('channels.secretsNote')}</Typography.Paragraph>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
