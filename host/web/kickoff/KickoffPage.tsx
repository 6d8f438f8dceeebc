import { QrcodeOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, List, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { QRCodeSVG } from 'qrcode.react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alignmentScore } from '../../../plugin/domain/alignment.ts';
import type { Id } from '../../../plugin/domain/types.ts';
import { AlignmentBoard, type AlignmentCard } from '../../../widgets/AlignmentBoard/index.tsx';
import { AlignmentMap } from '../../../widgets/AlignmentMap/index.tsx';
import type { QrToken } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import type { PageProps } from '../app/PageSwitch.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import type { BoardKr } from './board-state.ts';
import { useBoard } from './use-board.ts';

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
        subtitle={t('kickoff.subtitle', { cycle: cycleId })}
        extra={
          <>
            <Tag
              icon={<WifiOutlined />}
              color={board.status === 'open' ? 'green' : board.status === 'connecting' ? 'gold' : 'red'}
            >
              {t(`kickoff.status.${board.status}`)}
            </Tag>
            {board.state.locked ? <Tag color="default">{t('kickoff.locked')}</Tag> : null}
            {QR_MINTERS.includes(user.role) && !user.scope ? <QrButton cycleId={cycleId} /> : null}
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
            message={n.message}
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
              children: <AlignmentMap objectives={board.state.objectives} cards={cards} locale={lang} />,
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

/** The big-screen QR code: a short-lived token that signs a phone in to this board only. */
function QrButton({ cycleId }: { cycleId: Id }) {
  const { t } = useTranslation();
  const { api, user } = useApp();
  const [open, setOpen] = useState(false);
  const [personId, setPersonId] = useState<Id>(user.personId);
  const [token, setToken] = useState<QrToken | null>(null);
  const people = useAsync(() => (open ? api.people() : Promise.resolve([])), [api, open]);
  const { busy, error, run } = useAction();
  const mint = async (forPerson: Id) => {
    const minted = await run(() => api.mintQrToken(cycleId, { personId: forPerson }));
    if (minted) setToken(minted);
  };
  const choices = (people.data ?? []).filter(
    (p) => user.role !== 'manager' || p.regionId === user.regionId || p.id === user.personId,
  );
  const url = token ? `${window.location.origin}${token.path}` : '';
  return (
    <>
      <Button
        icon={<QrcodeOutlined />}
        onClick={() => {
          setOpen(true);
          void mint(personId);
        }}
      >
        {t('kickoff.qr.show')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('kickoff.qr.title')}
        width={480}
      >
        <Space direction="vertical" style={{ width: '100%' }} align="center">
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 260 }}
            value={personId}
            aria-label={t('kickoff.qr.person')}
            options={choices.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v: Id) => {
              setPersonId(v);
              void mint(v);
            }}
          />
          <ErrorAlert error={error} />
          {busy ? <Loading /> : null}
          {token && !busy ? (
            <Card>
              <QRCodeSVG value={url} size={280} includeMargin aria-label={t('kickoff.qr.title')} />
            </Card>
          ) : null}
          {token ? (
            <Typography.Text type="secondary">
              {t('kickoff.qr.expires', { at: new Date(token.expiresAt).toLocaleTimeString() })}
            </Typography.Text>
          ) : null}
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('kickoff.qr.hint')}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </>
  );
}
