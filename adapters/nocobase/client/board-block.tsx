import { useAPIClient } from '@nocobase/client';
import { Alert, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import { type BoardMessage, boardOf } from '../../../plugin/sdk/realtime-port.ts';
import { AlignmentBoard } from '../../../widgets/AlignmentBoard/index.tsx';
import {
  applyBoardMessage,
  applyBoardMessages,
  findLink,
  type LinkRecord,
  type LiveBoard,
  liveBoardOf,
  removedLinkMessage,
  savedLinkMessage,
} from './apply-board-message.ts';
import {
  currentVersionOf,
  intentBatcher,
  runIntents,
  type WriteFailure,
  writeFailureOf,
} from './board-writes.ts';
import { liveCards } from './live-cards.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useBoardData, useWidgetLocale } from './use-board-data.ts';
import { type LiveStatus, useBoardLive } from './use-board-live.ts';

interface Notice {
  seq: number;
  kind: WriteFailure;
  message: string;
}

const STATUS_COLOUR: Record<LiveStatus, string> = { live: 'green', connecting: 'gold', offline: 'red' };
/** A row version no link reaches: a delete at it is refused with the current row (see `unlink`). */
const UNREACHED_VERSION = 2 ** 31 - 1;

/**
 * Alignment board block, live: drag a KR onto an Objective to link it, off it to unlink, between two
 * to move it; every committed change of the cycle arrives over NocoBase's WebSocket and is applied by
 * row version, and the people on the board are shown.
 */
export function OkrAlignmentBoardBlock() {
  const api = useAPIClient();
  const locale = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, reload } = useBoardData();
  const [board, setBoard] = useState<LiveBoard | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const boardRef = useRef<LiveBoard | null>(null);
  // Changes received while a load is under way, replayed onto its answer (older ones are ignored).
  const fetching = useRef(true);
  const sinceFetch = useRef<BoardMessage[]>([]);
  const seq = useRef(0);

  const commit = useCallback((next: LiveBoard) => {
    boardRef.current = next;
    setBoard(next);
  }, []);
  const reloadLive = useCallback(() => {
    fetching.current = true;
    sinceFetch.current = [];
    reload();
  }, [reload]);

  useEffect(() => {
    if (!data) return;
    const replay = applyBoardMessages(liveBoardOf(data), sinceFetch.current);
    fetching.current = false;
    sinceFetch.current = [];
    commit(replay.board);
    if (replay.reload) reloadLive();
  }, [data, commit, reloadLive]);

  const receive = useCallback(
    (message: BoardMessage) => {
      if (fetching.current) sinceFetch.current.push(message);
      const current = boardRef.current;
      if (!current) return;
      const { board: next, outcome } = applyBoardMessage(current, message);
      if (outcome === 'applied') commit(next);
      else if (outcome === 'reload') reloadLive();
    },
    [commit, reloadLive],
  );

  const boardId = data ? boardOf(data.snapshot.cycle.id) : null;
  const { status, presence } = useBoardLive(boardId, {
    onMessage: receive,
    // Changes made while the socket was down (or before the first join) did not reach us: read again.
    onJoined: (again) => {
      if (again || boardRef.current) reloadLive();
    },
  });

  const fail = useCallback(
    (e: unknown) => {
      const failure = writeFailureOf(e);
      seq.current += 1;
      const notice = { seq: seq.current, ...failure };
      setNotices((list) => [...list.slice(-2), notice]);
      if (failure.kind === 'stale' || failure.kind === 'gone') reloadLive();
    },
    [reloadLive],
  );

  const onIntent = useMemo(() => {
    const post = async (url: string, body: Record<string, unknown>) =>
      (await api.request<LinkRecord>({ url, method: 'post', data: body })).data.data;
    const ops = {
      link: async (krId: Id, objectiveId: Id, weight: number) => {
        const saved = await post('okrAlign:saveLink', { krId, objectiveId, weight });
        receive(savedLinkMessage(saved));
      },
      unlink: async (krId: Id, objectiveId: Id) => {
        const held = boardRef.current ? findLink(boardRef.current, krId, objectiveId) : undefined;
        // The loaded board does not carry link row versions: the refusal of an unreachable one says it.
        const expectedVersion =
          held?.version ??
          (await post('okrAlign:deleteLink', { krId, objectiveId, version: UNREACHED_VERSION }).then(
            (gone) => gone.version,
            (e: unknown) => {
              const current = currentVersionOf(e);
              if (current === undefined) throw e;
              return current;
            },
          ));
        const removed = await post('okrAlign:deleteLink', { krId, objectiveId, version: expectedVersion });
        receive(removedLinkMessage(removed));
      },
    };
    return intentBatcher((intents) => {
      runIntents(intents, ops).catch(fail);
    });
  }, [api, receive, fail]);

  const cards = useMemo(() => (board && data ? liveCards(board, data) : []), [board, data]);

  if (!data || !board)
    return error ? <Alert type="error" message={error} data-testid="okr-align-block-error" /> : <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="okr-align-live-board">
      <Tag color={STATUS_COLOUR[status]} data-testid="okr-align-live-status" data-status={status}>
        {t(`live.status.${status}`)}
      </Tag>
      {error ? <Alert type="warning" showIcon message={error} data-testid="okr-align-block-error" /> : null}
      {notices.map((n) => (
        <Alert
          key={n.seq}
          type={n.kind === 'stale' || n.kind === 'gone' ? 'warning' : 'error'}
          showIcon
          closable
          onClose={() => setNotices((list) => list.filter((x) => x.seq !== n.seq))}
          message={t(`live.${n.kind}`, { message: n.message })}
          data-testid="okr-align-live-notice"
          data-kind={n.kind}
        />
      ))}
      <AlignmentBoard
        objectives={board.objectives}
        cards={cards}
        minScore={data.settings.alignment.minScore}
        presence={presence}
        locale={locale}
        onLink={(krId, objectiveId, weight) => onIntent({ type: 'link', krId, objectiveId, weight })}
        onUnlink={(krId, objectiveId) => onIntent({ type: 'unlink', krId, objectiveId })}
      />
    </Space>
  );
}
