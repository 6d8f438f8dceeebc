import { WifiOutlined } from '@ant-design/icons';
import { Alert, Button, Input, List, Modal, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alignmentScore } from '../../../plugin/domain/alignment.ts';
import type { Id } from '../../../plugin/domain/types.ts';
import { AlignmentBoard, type AlignmentCard } from '../../../widgets/AlignmentBoard/index.tsx';
import { useApp } from '../app/app-context.tsx';
import type { PageProps } from '../app/page-props.ts';
import { useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BoardQrButton } from './BoardQrButton.tsx';
import type { BoardKr } from './board-state.ts';
import { useBoard } from './use-board.ts';

// The map tab draws with ECharts: loaded when first opened, so the board view ships without charts.
const AlignmentMap = lazy(() =>
  import('../../../widgets/AlignmentMap/index.tsx').then((m) => ({ default: m.AlignmentMap })),
);

const QR_MINTERS = ['strategy', 'manager', 'hr'];
const BOARD_WRITERS = ['sales', 'manager', 'admin'];

/** Names, regions and settings for the cards; a QR session may read none of them, so each is optional. */
function useBoardContext() {
  const { api, user } = useApp();
  return useAsync(async () => {
    if (user.scope) return { people: [], regions: [], settings: null };
    const [people, regions, settings] = await Promise.all([api.people(), api.regions(), api.settings()]);
    return { people, regions, settings: settings.settings };
  }, [api, user]);
}

export default function KickoffPage({ params }: PageProps) {
  const { t } = useTranslation();
  const { api, user, lang, currentCycleId } = useApp();
  const cycleId = params.cycleId ?? currentCycleId;
  const board = useBoard(cycleId);
  const context = useBoardContext();
  const cycles = useAsync(() => api.cycles(), [api]);
  const cycleName = cycles.data?.cycles.find((c) => c.id === cycleId)?.name ?? '';
  const evaluation = useAsync(
    () => (cycleId ? api.evaluation(cycleId) : Promise.resolve(null)),
    [api, cycleId],
  );
  const [editing, setEditing] = useState<BoardKr | null>(null);
  const [draft, setDraft] = useState('');

  const cards: AlignmentCard[] = useMemo(() => {
    const people = new Map((context.data?.people ?? []).map((p) => [p.id, p]));
    // A QR session may not list people: it still knows itself and who is on the board.
    const knownNames = new Map([
      ...board.state.presence.map((p) => [p.personId, p.name] as const),
      [user.personId, user.name] as const,
    ]);
    const regions = new Map((context.data?.regions ?? []).map((r) => [r.id, r.name]));
    const settings = context.data?.settings ?? null;
    const serverScores = new Map((evaluation.data?.alignment ?? []).map((a) => [a.krId, a.score]));
    return board.state.keyResults.map((kr) => {
      const owner = kr.ownerType === 'person' ? people.get(kr.ownerId) : undefined;
      const regionId = kr.ownerType === 'region' ? kr.ownerId : (owner?.regionId ?? null);
      // Scores follow the live links when the settings are known; a QR session uses the server's.
      const score = settings
        ? alignmentScore(kr, board.state.objectives, settings)
        : (serverScores.get(kr.id) ?? 0);
      const minScore = settings?.alignment.minScore;
      return {
        kr,
        ownerName:
          owner?.name ??
          (kr.ownerType === 'region'
            ? (regions.get(kr.ownerId) ?? kr.ownerId)
            : (knownNames.get(kr.ownerId) ?? kr.ownerId)),
        regionId,
        regionName: regionId ? (regions.get(regionId) ?? regionId) : '',
        score,
        belowThreshold: minScore === undefined ? false : score < minScore,
      };
    });
  }, [board.state, context.data, evaluation.data, user]);

  if (!cycleId) return <EmptyHint text={t('kickoff.noCycle')} />;

  const readOnly = board.state.locked || !BOARD_WRITERS.includes(user.role) || board.status !== 'open';
  const linkOf = (krId: Id, objectiveId: Id) =>
    board.state.keyResults.find((k) => k.id === krId)?.links.find((l) => l.objectiveId === objectiveId);

  const onLink = (krId: Id, objectiveId: Id, weight: number) => {
    const existing = linkOf(krId, objectiveId);
    board.send({ kind: 'link', krId, objectiveId, weight, version: existing ? existing.version : null });
  };
  const onUnlink = (krId: Id, objectiveId: Id) => {
    const existing = linkOf(krId, objectiveId);
    if (existing) board.send({ kind: 'unlink', krId, objectiveId, version: existing.version });
  };

  const mine = board.state.keyResults.filter((k) => k.ownerType === 'person' && k.ownerId === user.personId);
  const saveRationale = () => {
    if (!editing) return;
    board.send({
      kind: 'update-kr',
      krId: editing.id,
      version: editing.version,
      fields: { rationale: draft },
    });
    setEditing(null);
  };

  return (
    <div>
      <PageHeader
        title={t('kickoff.title')}
        subtitle={t('kickoff.subtitle', { cycle: cycleName })}
        extra={
          <>
            <Tag
              icon={<WifiOutlined />}
              color={board.status === 'open' ? 'green' : board.status === 'connecting' ? 'gold' : 'red'}
            >
              {t(`kickoff.status.${board.status}`)}
            </Tag>
            {board.state.locked ? <Tag color="default">{t('kickoff.locked')}</Tag> : null}
            {QR_MINTERS.includes(user.role) && !user.scope ? <BoardQrButton cycleId={cycleId} /> : null}
          </>
        }
      />
      <ErrorAlert error={context.error} />
      {board.notices.map((n) =>
        n.kind === 'stale' ? (
          <Alert
            key={n.seq}
            type="warning"
            showIcon
            closable
            onClose={() => board.dismiss(n.seq)}
            style={{ marginBottom: 8 }}
            message={t('kickoff.staleTitle', { title: n.kr.title })}
            description={
              <span data-testid="stale-current">
                {t('kickoff.staleCurrent', {
                  version: n.kr.version,
                  links:
                    n.kr.links
                      .map(
                        (l) =>
                          `${board.state.objectives.find((o) => o.id === l.objectiveId)?.title ?? l.objectiveId} (${l.weight})`,
                      )
                      .join(', ') || t('kickoff.noLinks'),
                })}
              </span>
            }
          />
        ) : (
          <Alert
            key={n.seq}
            type="error"
            showIcon
            closable
            onClose={() => board.dismiss(n.seq)}
            style={{ marginBottom: 8 }}
            message={t(`kickoff.boardError.${n.code}`, { defaultValue: n.message })}
          />
        ),
      )}
      {!board.loaded ? (
        <Loading tip={t('kickoff.connecting')} />
      ) : board.state.objectives.length === 0 ? (
        <EmptyHint text={t('kickoff.noObjectives')} />
      ) : (
        <Tabs
          items={[
            {
              key: 'board',
              label: t('kickoff.board'),
              children: (
                <>
                  {cards.length === 0 ? <EmptyHint text={t('kickoff.noKrs')} /> : null}
                  <AlignmentBoard
                    objectives={board.state.objectives}
                    cards={cards}
                    minScore={context.data?.settings?.alignment.minScore}
                    presence={board.state.presence.map((p) => ({ id: p.personId, name: p.name }))}
                    onLink={onLink}
                    onUnlink={onUnlink}
                    readOnly={readOnly}
                    locale={lang}
                    listHeight={window.innerHeight > 700 ? 520 : 360}
                  />
                </>
              ),
            },
            {
              key: 'map',
              label: t('kickoff.map'),
              children: (
                <Suspense fallback={<Loading />}>
                  <AlignmentMap objectives={board.state.objectives} cards={cards} locale={lang} />
                </Suspense>
              ),
            },
            {
              key: 'mine',
              label: t('kickoff.mine', { count: mine.length }),
              children:
                mine.length === 0 ? (
                  <EmptyHint text={t('kickoff.noMine')} />
                ) : (
                  <List
                    dataSource={mine}
                    renderItem={(kr) => (
                      <List.Item
                        actions={[
                          <Button
                            key="edit"
                            size="small"
                            disabled={readOnly}
                            onClick={() => {
                              setEditing(kr);
                              setDraft(kr.rationale);
                            }}
                          >
                            {t('kickoff.editRationale')}
                          </Button>,
                        ]}
                      >
                        <List.Item.Meta
                          title={kr.title}
                          description={
                            kr.rationale || (
                              <Typography.Text type="warning">{t('kickoff.noRationale')}</Typography.Text>
                            )
                          }
                        />
                      </List.Item>
                    )}
                  />
                ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={t('kickoff.editRationale')}
        onCancel={() => setEditing(null)}
        onOk={saveRationale}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph strong>{editing?.title}</Typography.Paragraph>
        <Input.TextArea
          rows={5}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-label={t('kickoff.rationale')}
        />
      </Modal>
    </div>
  );
}
