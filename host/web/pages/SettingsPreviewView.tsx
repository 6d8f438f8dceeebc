import { Card, Col, List, Row, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import type { SettingsChange, SettingsPreview } from '../../../plugin/sdk/index.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';

const PERCENT = 100;
const pct = (v: number) => `${Math.round(v * PERCENT * 10) / 10}%`;
const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Changed settings by path, before → after. */
export function SettingsDiff({ changes }: { changes: SettingsChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <EmptyHint text={t('settings.noChanges')} />;
  return (
    <Table<SettingsChange>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      columns={[
        { title: t('settings.path'), dataIndex: 'path', render: (p: string) => <code>{p}</code> },
        { title: t('settings.before'), render: (_, c) => show(c.before) },
        { title: t('settings.after'), render: (_, c) => <strong>{show(c.after)}</strong> },
      ]}
    />
  );
}

/** What a settings change would do on current data: alignment, colours, escalations, pool shares. */
export function SettingsPreviewView({
  preview,
  krTitle,
  personName,
}: {
  preview: SettingsPreview;
  krTitle: (id: Id) => string;
  personName: (id: Id) => string;
}) {
  const { t } = useTranslation();
  const money = (c: number | null) => (c === null ? '—' : (c / PERCENT).toFixed(2));
  return (
    <div data-testid="settings-preview">
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('settings.preview.rate')}
              value={`${pct(preview.alignmentRate.before)} → ${pct(preview.alignmentRate.after)}`}
            />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('settings.preview.flips')} value={preview.alignmentFlips.length} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('settings.preview.colours')} value={preview.colours.length} />
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small">
            <Statistic title={t('settings.preview.escalations')} value={preview.escalations.length} />
          </Card>
        </Col>
      </Row>
      <List
        size="small"
        header={<strong>{t('settings.preview.flipsTitle')}</strong>}
        dataSource={preview.alignmentFlips}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(f) => (
          <List.Item>
            {krTitle(f.krId)}: {Math.round(f.before.score)} → {Math.round(f.after.score)}{' '}
            <Tag color={f.after.aligned ? 'green' : 'red'}>
              {f.after.aligned ? t('settings.preview.aligned') : t('settings.preview.notAligned')}
            </Tag>
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.coloursTitle')}</strong>}
        dataSource={preview.colours.slice(0, 50)}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(c) => (
          <List.Item>
            {krTitle(c.krId)} · {c.month}: {c.before ? t(`colour.${c.before}`) : '—'} →{' '}
            {c.after ? t(`colour.${c.after}`) : '—'}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.escalationsTitle')}</strong>}
        dataSource={preview.escalations}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(e) => (
          <List.Item>
            {krTitle(e.krId)} · {e.month}: {t(`settings.preview.${e.change}`)}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.poolTitle')}</strong>}
        dataSource={preview.poolShares}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(p) => (
          <List.Item>
            {personName(p.personId)}: {money(p.before)} → {money(p.after)}
          </List.Item>
        )}
      />
    </div>
  );
}
