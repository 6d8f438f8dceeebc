import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../api/endpoints.ts';
import { useNotificationText } from '../NotificationsPage.tsx';
import type { AutomationPreview } from './automations-api.ts';

/** "Over the last 90 days this would have run 14 times: 华南 6, 华东 3 …, sending these messages". */
export function PreviewPanel(props: {
  preview: AutomationPreview;
  names: { people: Map<string, string>; krs: Map<string, string> };
}) {
  const { t } = useTranslation();
  const text = useNotificationText(props.names);
  const { preview } = props;
  return (
    <Card title={t('automations.preview.title')} data-testid="automation-preview">
      <Typography.Paragraph strong>{t('automations.preview.summary', { ...preview })}</Typography.Paragraph>
      <List
        dataSource={preview.automations}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>
                {t('automations.preview.automation', { title: a.title, runs: a.runs })}
              </Typography.Text>
              {a.runs === 0 ? (
                <Typography.Text type="secondary">{t('automations.preview.none')}</Typography.Text>
              ) : (
                <Space wrap>
                  {a.byRegion.map((r) => (
                    <Tag key={r.regionId ?? '-'}>
                      {t('automations.preview.byRegion', {
                        region: r.region ?? t('automations.preview.noRegion'),
                        runs: r.runs,
                      })}
                    </Tag>
                  ))}
                </Space>
              )}
              {a.messages.length > 0 && (
                <>
                  <Typography.Text type="secondary">{t('automations.preview.messages')}</Typography.Text>
                  {a.messages.map((m) => (
                    <Typography.Paragraph
                      key={`${m.at}|${JSON.stringify(m.subject)}|${m.recipients.join()}`}
                      style={{ marginBottom: 4 }}
                    >
                      {text({
                        kind: m.message.kind,
                        params: m.message.params,
                        subject: m.subject,
                      } as unknown as AppNotification)}
                      <br />
                      <Typography.Text type="secondary">
                        {t('automations.preview.recipients', { names: m.recipients.join('、') })}
                        {m.channelId ? ` ${t('automations.preview.viaChannel')}` : ''}
                      </Typography.Text>
                    </Typography.Paragraph>
                  ))}
                </>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
