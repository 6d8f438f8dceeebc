import { Alert, Card, ConfigProvider, Layout, List, Segmented, Space, Spin, Typography } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Settings } from '../../plugin/domain/settings.ts';
import type { Id, KrLink, Snapshot } from '../../plugin/domain/types.ts';
import { AlignmentBoard } from '../AlignmentBoard/index.tsx';
import { AlignmentMap } from '../AlignmentMap/index.tsx';
import { CalibrationBoard } from '../CalibrationBoard/index.tsx';
import { HealthRadar } from '../HealthRadar/index.tsx';
import { MetricsDashboard } from '../MetricsDashboard/index.tsx';
import { PoolAllocation } from '../PoolAllocation/index.tsx';
import { useWidgetT, WIDGET_LOCALES, type WidgetLocale } from '../shared/i18n.ts';
import { CASE_BASELINE, galleryData } from './demo-props.ts';

const MAX_LOG = 12;

async function loadJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok)
    throw new Error(`gallery: GET ${path} answered ${response.status}; is the gallery's Vite config in use?`);
  return (await response.json()) as T;
}

function Gallery({ initial, settings }: { initial: Snapshot; settings: Settings }) {
  const [locale, setLocale] = useState<WidgetLocale>('zh-CN');
  const [snapshot, setSnapshot] = useState(initial);
  const [log, setLog] = useState<string[]>([]);
  const t = useWidgetT(locale);
  const data = useMemo(() => galleryData(snapshot, settings), [snapshot, settings]);
  const titleOf = useCallback(
    (krId: Id) => snapshot.keyResults.find((kr) => kr.id === krId)?.title ?? krId,
    [snapshot],
  );
  const objectiveOf = (id: Id) => snapshot.objectives.find((o) => o.id === id)?.title ?? id;
  const nameOf = (id: Id) => snapshot.people.find((p) => p.id === id)?.name ?? id;
  const note = (line: string) => setLog((lines) => [line, ...lines].slice(0, MAX_LOG));

  // The gallery plays the host: it applies the board's intents to its in-memory snapshot.
  const updateKr = (krId: Id, change: (links: KrLink[]) => KrLink[]) => {
    setSnapshot((s) => ({
      ...s,
      keyResults: s.keyResults.map((kr) =>
        kr.id === krId ? { ...kr, links: change(kr.links), version: kr.version + 1 } : kr,
      ),
    }));
  };

  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNAntd : enUSAntd}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', gap: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('gallery.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('gallery.subtitle', { at: data.at })}</Typography.Text>
          <Segmented<WidgetLocale>
            aria-label={t('gallery.language')}
            value={locale}
            options={[...WIDGET_LOCALES]}
            onChange={setLocale}
          />
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('gallery.intents')}>
              <List
                size="small"
                dataSource={log}
                locale={{ emptyText: t('gallery.noIntents') }}
                renderItem={(line) => <List.Item>{line}</List.Item>}
              />
            </Card>
            <Card title={t('board.title')}>
              <AlignmentBoard
                objectives={data.objectives}
                cards={data.cards}
                minScore={settings.alignment.minScore}
                presence={[
                  { id: 'u-strategy', name: nameOf(data.objectives[0]?.ownerId ?? '') },
                  { id: 'u-me', name: data.people[1]?.name ?? '' },
                ]}
                locale={locale}
                onFiltersChange={(f) => note(t('gallery.filters', { filters: JSON.stringify(f) }))}
                onLink={(krId, objectiveId, weight) => {
                  note(t('gallery.link', { kr: titleOf(krId), objective: objectiveOf(objectiveId), weight }));
                  updateKr(krId, (links) => [...links, { objectiveId, weight, linkedAt: data.at }]);
                }}
                onUnlink={(krId, objectiveId) => {
                  note(t('gallery.unlink', { kr: titleOf(krId), objective: objectiveOf(objectiveId) }));
                  updateKr(krId, (links) => links.filter((l) => l.objectiveId !== objectiveId));
                }}
              />
            </Card>
            <Card title={t('map.title')}>
              <AlignmentMap objectives={data.objectives} cards={data.cards} locale={locale} />
            </Card>
            <Card title={t('calibration.title')}>
              <CalibrationBoard
                months={data.months}
                rows={data.calibrationRows}
                checkIns={snapshot.checkIns}
                escalations={snapshot.escalations}
                locale={locale}
                onRegionChange={(region) => note(t('gallery.region', { region: region ?? '—' }))}
                onSelectCell={(krId, month) => note(t('gallery.selectCell', { kr: titleOf(krId), month }))}
                onOpenEscalation={(id) => note(t('gallery.openEscalation', { id }))}
              />
            </Card>
            <Card title={`${t('radar.title')} · ${data.radar.month}`}>
              <HealthRadar
                rep={data.radar.rep}
                team={data.radar.team}
                median={data.radar.median}
                settings={settings}
                locale={locale}
                onModeChange={(mode) => note(t('gallery.mode', { mode: t(`radar.mode.${mode}`) }))}
              />
            </Card>
            <Card title={t('pool.title')}>
              <PoolAllocation
                run={data.pool}
                people={data.people}
                locale={locale}
                onSelectPerson={(id) => id && note(t('gallery.selectPerson', { person: nameOf(id) }))}
              />
            </Card>
            <Card title={t('metrics.title')}>
              <MetricsDashboard metrics={data.metrics} baseline={CASE_BASELINE} locale={locale} />
            </Card>
          </Space>
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}

function App() {
  const t = useWidgetT();
  const [loaded, setLoaded] = useState<{ snapshot: Snapshot; settings: Settings } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([loadJson<Snapshot>('demo/snapshot.json'), loadJson<Settings>('demo/settings.json')])
      .then(([snapshot, settings]) => setLoaded({ snapshot, settings }))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <Alert type="error" message={t('gallery.loadFailed', { message: error })} />;
  if (!loaded) return <Spin tip={t('gallery.loading')} fullscreen />;
  return <Gallery initial={loaded.snapshot} settings={loaded.settings} />;
}

const container = document.getElementById('root');
if (!container) throw new Error('gallery: #root is missing from widgets/gallery/index.html');
createRoot(container).render(<App />);
