import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomRulesPreview, PreviewEvent } from '../../../../plugin/engine/custom-rules-preview.ts';

/** What a proposal adds or removes per region, by person, KR and event in words. */
export function RulesPreview(props: { preview: CustomRulesPreview; eventWords: (type: string) => string }) {
  const { t } = useTranslation();
  const { preview } = props;
  const line = (e: PreviewEvent) =>
    t('customRules.preview.event', {
      who: [e.personName, e.krTitle ?? e.accountName].filter(Boolean).join(' · ') || '—',
      what: props.eventWords(e.type),
      month: e.month ? ` · ${e.month}` : '',
    });
  return (
    <Card size="small" title={t('customRules.preview.title')} data-testid="rules-preview">
      <Typography.Paragraph>
        {t('customRules.preview.summary', { added: preview.added, removed: preview.removed, at: preview.at })}
      </Typography.Paragraph>
      {preview.regions.length === 0 && <Alert type="info" message={t('customRules.preview.none')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {preview.regions.map((r) => (
          <Card
            key={r.regionId ?? '-'}
            size="small"
            type="inner"
            title={r.regionName ?? t('customRules.preview.noRegion')}
          >
            <List
              size="small"
              dataSource={[
                ...r.added.map((e) => ({ e, added: true })),
                ...r.removed.map((e) => ({ e, added: false })),
              ]}
              renderItem={({ e, added }) => (
                <List.Item>
                  <Tag color={added ? 'red' : 'green'}>
                    {added ? t('customRules.preview.added') : t('customRules.preview.removed')}
                  </Tag>
                  {line(e)}
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
    </Card>
  );
}
