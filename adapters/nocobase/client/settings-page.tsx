import { useAPIClient } from '@nocobase/client';
import { Alert, Button, Card, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsForm } from '../../../forms/runtime/react/settings-form.tsx';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsPreview, SettingsVersion } from '../../../plugin/sdk/index.ts';
import { LOCALE_NS } from './locale-ns.ts';

/** Plugin settings page: edit thresholds and weights, preview the effect on live data, publish with a reason. */
export function OkrSettingsPage() {
  const api = useAPIClient();
  const { t, i18n } = useTranslation(LOCALE_NS);
  const [current, setCurrent] = useState<{ version: number; settings: Settings } | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [preview, setPreview] = useState<SettingsPreview | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const load = () =>
    api
      .request<{ version: number; settings: Settings }>({ url: 'okrAlign:settingsCurrent' })
      .then((r) => setCurrent(r.data.data));
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on mount
  useEffect(() => {
    void load();
  }, []);

  const fail = (e: unknown) =>
    setMessage({ type: 'error', text: e instanceof Error ? e.message : String(e) });

  const onSubmit = async (settings: Settings) => {
    setDraft(settings);
    setMessage(null);
    try {
      const r = await api.request<SettingsPreview>({
        url: 'okrAlign:previewSettings',
        method: 'post',
        data: { settings },
      });
      setPreview(r.data.data);
    } catch (e) {
      fail(e);
    }
  };

  const publish = async () => {
    if (!draft) return;
    if (!reason.trim()) return setMessage({ type: 'error', text: t('settings.needReason') });
    try {
      const proposed = await api.request<SettingsVersion>({
        url: 'okrAlign:proposeSettings',
        method: 'post',
        data: { settings: draft, reason },
      });
      const done = await api.request<SettingsVersion>({
        url: 'okrAlign:publishSettings',
        method: 'post',
        data: { version: proposed.data.data.version },
      });
      setMessage({ type: 'success', text: t('settings.published', { version: done.data.data.version }) });
      setPreview(null);
      setReason('');
      await load();
    } catch (e) {
      fail(e);
    }
  };

  if (!current) return <Spin />;
  const lang = i18n.language?.startsWith('en') ? 'en-US' : 'zh-CN';
  return (
    <Card title={t('settings.title')} data-testid="okr-align-settings">
      <Typography.Paragraph>{t('settings.current', { version: current.version })}</Typography.Paragraph>
      <SettingsForm key={current.version} value={current.settings} lang={lang} onSubmit={onSubmit} />
      {preview && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert
            type="info"
            message={t('settings.changes', {
              count: preview.changes.length,
              flips: preview.alignmentFlips.length,
              colours: preview.colours.length,
            })}
          />
          <Input.TextArea
            placeholder={t('settings.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="primary" onClick={publish}>
            {t('settings.publish')}
          </Button>
        </Space>
      )}
      {message && <Alert style={{ marginTop: 16 }} type={message.type} message={message.text} />}
    </Card>
  );
}
