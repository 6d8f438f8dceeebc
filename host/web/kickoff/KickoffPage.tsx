import { WifiOutlined } from '@ant-design/icons';
import { Alert, Button, List, message, Skeleton, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import { AlignmentBoard, type AlignmentCard } from '../../../widgets/AlignmentBoard/index.tsx';
import { useApp } from '../app/app-context.tsx';
import { onDemand, useOnDemand } from '../app/on-demand.ts';
import type { PageProps } from '../app/page-props.ts';
import { useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SentBack, useKickoffAuthoring } from '../okr/use-kickoff-authoring.tsx';
import { boardCards, loadBoardContext } from './board-cards.ts';
import { type BoardKr, withEvaluated } from './board-state.ts';
import { useBoard } from './use-board.ts';

// The map tab (and its image export) loads when first opened, so the board view ships without it.
const KickoffMap = lazy(() => import('./KickoffMap.tsx'));
// The QR button, with its modal and the code drawn in it, loads only for those who may show one.
const BoardQrButton = lazy(() => import('./BoardQrButton.tsx').then((m) => ({ default: m.BoardQrButton })));
// The rationale editor (a modal, a text area) loads when first wanted and opens once it is in.
const rationaleEditor = onDemand(() => import('./RationaleModal.tsx'));

const QR_MINTERS = ['strategy', 'manager', 'hr'];
const BOARD_WRITERS = ['sales', 'manager', 'admin'];

/** Names, regions and settings for the cards, for every session (see `loadBoardContext`). */
function useBoardContext() {
  const { api, user } = useApp();
  return useAsync(() => loadBoardContext(api), [api, user]);
}

/** `?focus=<krId>&act=link|rationale`, as the KR detail drawer links to the board. */
function deepLinkOf(query: URLSearchParams) {
  const krId = query.get('focus');
  const act = query.get('act');
  return krId ? { krId, act: act === 'link' || act === 'rationale' ? act : null } : null;
}

export default function KickoffPage({ params, route }: PageProps) {
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
  // Colours and scores the server pushed after writes replace those read at open.
  const evaluated = useMemo(
    () => withEvaluated(evaluation.data, board.state.evaluated),
    [evaluation.data, board.state.evaluated],
  );
  const [editing, setEditing] = useState<BoardKr | null>(null);
  const [draft, setDraft] = useState('');
  const rationale = useOnDemand(rationaleEditor);
  const editRationale = (kr: BoardKr) =>
    rationale.open(`rationale:${kr.id}`, () => {
      setEditing(kr);
      setDraft(kr.rationale);
    });
  const authoring = useKickoffAuthoring({
    cycle: cycles.data?.cycles.find((c) => c.id === cycleId) ?? null,
    objectives: board.state.objectives,
    keyResults: board.state.keyResults,
    // Authoring is not for a QR session: it keeps seeing no people to author for.
    data: user.scope ? null : (context.data ?? null),
    locked: board.state.locked,
  });
  // Archived objectives leave the board and the scores; they are listed greyed under it.
  const objectives = authoring.liveObjectives;

  const cards: AlignmentCard[] = useMemo(
    () =>
      boardCards({
        keyResults: board.state.keyResults,
        objectives,
        context: context.data ?? null,
        knownNames: new Map([
          ...board.state.presence.map((p) => [p.personId, p.name] as const),
          [user.personId, user.name] as const,
        ]),
        serverScores: new Map((evaluated?.alignment ?? []).map((a) => [a.krId, a.score])),
      }),
    [board.state, objectives, context.data, evaluated, user],
  );

  const names = useMemo(
    () =>
      Object.fromEntries([
        ...board.state.presence.map((p) => [p.personId, p.name]),
        ...(context.data?.people ?? []).map((p) => [p.id, p.name]),
      ]) as Record<Id, string>,
    [board.state.presence, context.data],
  );
  const deepLink = deepLinkOf(route.query);
  const canWrite = !board.state.locked && BOARD_WRITERS.includes(user.role) && board.status === 'open';
  // `act=rationale` opens the rationale editor once, when the KR has arrived on the board.
  const rationaleOpened = useRef<Id | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: editRationale is new each render and reads only setters
  useEffect(() => {
    if (deepLink?.act !== 'rationale' || !canWrite || rationaleOpened.current === deepLink.krId) return;
    const kr = board.state.keyResults.find((k) => k.id === deepLink.krId);
    if (!kr) return;
    rationaleOpened.current = kr.id;
    editRationale(kr);
  }, [deepLink?.krId, deepLink?.act, canWrite, board.state.keyResults]);

  if (!cycleId) return <EmptyHint text={t('kickoff.noCycle')} />;
  // Names and scores arrive apart from the board: until both can be shown, a card would read
  // "person-… · ·" with a score of 0, so the board waits behind a skeleton.
  const cardsReady =
    board.loaded && !context.loading && (context.data?.settings != null || !evaluation.loading);

  const readOnly = !canWrite;
  const linkOf = (krId: Id, objectiveId: Id) =>
    board.state.keyResults.find((k) => k.id === krId)?.links.find((l) => l.objectiveId === objectiveId);

  // Each returns whether the intent went out, so "Link to…" confirms only what was sent.
  const onLink = (krId: Id, objectiveId: Id, weight: number) => {
    const existing = linkOf(krId, objectiveId);
    return board.send({
      kind: 'link',
      krId,
      objectiveId,
      weight,
      version: existing ? existing.version : null,
    });
  };
  const onUnlink = (krId: Id, objectiveId: Id) => {
    const existing = linkOf(krId, objectiveId);
    return existing ? board.send({ kind: 'unlink', krId, objectiveId, version: existing.version }) : false;
  };

  const mine = board.state.keyResults.filter((k) => k.ownerType === 'person' && k.ownerId === user.personId);
  const saveRationale = () => {
    if (!editing) return;
    const sent = board.send({
      kind: 'update-kr',
      krId: editing.id,
      version: editing.version,
      fields: { rationale: draft },
    });
    if (!sent) {
      void message.error(t('phone.offline'));
      return;
    }
    void message.success(t('phone.rationaleSaved', { title: editing.title }));
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
            {QR_MINTERS.includes(user.role) && !user.scope ? (
              <Suspense fallback={null}>
                <BoardQrButton cycleId={cycleId} />
              </Suspense>
            ) : null}
            {authoring.toolbar}
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
      ) : objectives.length === 0 ? (
        <EmptyHint text={t('kickoff.noObjectives')} action={authoring.emptyAction} />
      ) : (
        <Tabs
          items={[
            {
              key: 'board',
              label: t('kickoff.board'),
              children: (
                <>
                  {cardsReady && cards.length === 0 ? <EmptyHint text={t('kickoff.noKrs')} /> : null}
                  {cardsReady && deepLink && !cards.some((c) => c.kr.id === deepLink.krId) ? (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 8 }}
                      message={t('phone.focusMissing')}
                    />
                  ) : null}
                  {!cardsReady ? (
                    <Skeleton active paragraph={{ rows: 8 }} />
                  ) : (
                    <AlignmentBoard
                      objectives={objectives}
                      objectiveActions={authoring.objectiveActions}
                      cards={cards}
                      minScore={context.data?.settings?.alignment.minScore}
                      presence={board.state.presence.map((p) => ({ id: p.personId, name: p.name }))}
                      onLink={onLink}
                      onUnlink={onUnlink}
                      names={names}
                      focus={
                        deepLink
                          ? { krId: deepLink.krId, act: deepLink.act === 'link' ? 'link' : null }
                          : null
                      }
                      readOnly={readOnly}
                      locale={lang}
                      listHeight={window.innerHeight > 700 ? 520 : 360}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'map',
              label: t('kickoff.map'),
              children: (
                <Suspense fallback={<Loading />}>
                  {cycleId ? (
                    <KickoffMap
                      cycleId={cycleId}
                      objectives={objectives}
                      cards={cards}
                      evaluation={evaluated}
                      locale={lang}
                    />
                  ) : null}
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
                            {...rationale.trigger(`rationale:${kr.id}`, () => editRationale(kr))}
                          >
                            {t('kickoff.editRationale')}
                          </Button>,
                          ...(authoring.krOpener
                            ? [
                                <Button key="kr" size="small" {...authoring.krOpener(kr)}>
                                  {t('okrAuthoring.kr.edit')}
                                </Button>,
                              ]
                            : []),
                        ]}
                      >
                        <List.Item.Meta
                          title={kr.title}
                          description={
                            kr.sentBack ? (
                              <SentBack reason={kr.sentBack.reason} />
                            ) : (
                              kr.rationale || (
                                <Typography.Text type="warning">{t('kickoff.noRationale')}</Typography.Text>
                              )
                            )
                          }
                        />
                      </List.Item>
                    )}
                  />
                ),
            },
            ...(authoring.reviewTab ? [authoring.reviewTab] : []),
          ]}
        />
      )}
      {board.loaded ? authoring.archivedList : null}
      {authoring.drawers}
      <ErrorAlert error={rationale.error} onClose={rationale.clearError} />
      {rationale.code ? (
        <rationale.code.RationaleModal
          editing={editing}
          draft={draft}
          onDraft={setDraft}
          onSave={saveRationale}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
