import { CloseOutlined, HolderOutlined, WarningFilled } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import type { CSSProperties, ReactNode } from 'react';
import type { Id } from '../../plugin/domain/types.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, TRAFFIC_COLOURS } from '../shared/palette.ts';
import { TEST_IDS, UNLINKED_ID } from '../test-ids.ts';
import type { AlignmentCard } from './board-model.ts';

/** Fixed card height: the virtual lists rely on it instead of measuring every card. */
export const CARD_HEIGHT = 92;
const CARD_GAP = 8;

export interface DragData {
  krId: Id;
  sourceId: Id;
}

export const dragId = (sourceId: Id, krId: Id) => `${sourceId}::${krId}`;

interface KrCardProps {
  card: AlignmentCard;
  sourceId: Id;
  t: WidgetT;
  minScore?: number;
  readOnly?: boolean;
  onUnlink?: (krId: Id, objectiveId: Id) => void;
}

const cardStyle: CSSProperties = {
  boxSizing: 'border-box',
  height: CARD_HEIGHT - CARD_GAP,
  display: 'flex',
  gap: 6,
  padding: '6px 8px',
  background: '#fff',
  border: `1px solid ${NEUTRAL.border}`,
  borderRadius: 6,
  fontSize: 12,
  lineHeight: '18px',
  overflow: 'hidden',
};

/** The card's face; also used, without drag wiring, as the drag overlay. */
export function KrCardFace({
  card,
  sourceId,
  t,
  minScore,
  readOnly,
  onUnlink,
  handle,
  overlay = false,
}: KrCardProps & { handle?: ReactNode; overlay?: boolean }) {
  const { kr } = card;
  const link = kr.links.find((l) => l.objectiveId === sourceId);
  const warning = card.belowThreshold;
  return (
    <div
      style={{ ...cardStyle, borderLeft: `4px solid ${warning ? TRAFFIC_COLOURS.amber.strong : '#0072B2'}` }}
      data-testid={overlay ? undefined : TEST_IDS.board.card(kr.id, sourceId)}
      data-below-threshold={warning}
    >
      {handle}
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <strong
            style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            title={kr.title}
          >
            {kr.title}
          </strong>
          <span
            role="img"
            aria-label={t('board.scoreLabel', { score: Math.round(card.score) })}
            style={{
              padding: '0 6px',
              borderRadius: 9,
              color: '#fff',
              background: warning ? TRAFFIC_COLOURS.amber.strong : '#0072B2',
              fontWeight: 600,
            }}
          >
            {Math.round(card.score)}
          </span>
          {!readOnly && sourceId !== UNLINKED_ID && onUnlink && (
            <button
              type="button"
              data-testid={TEST_IDS.board.unlinkButton(kr.id, sourceId)}
              aria-label={t('board.unlink', { title: kr.title })}
              onClick={() => onUnlink(kr.id, sourceId)}
              style={{ border: 0, background: 'none', cursor: 'pointer', padding: 0, color: NEUTRAL.muted }}
            >
              <CloseOutlined aria-hidden />
            </button>
          )}
        </div>
        <div
          style={{ color: NEUTRAL.muted, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {t('board.ownerRegion', { owner: card.ownerName, region: card.regionName })}
          {link ? ` · ${t('board.linkWeight', { weight: link.weight })}` : ''}
        </div>
        {warning && (
          <div
            style={{ color: '#8a5a00', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            <WarningFilled aria-hidden style={{ color: TRAFFIC_COLOURS.amber.strong }} />{' '}
            {minScore === undefined ? t('board.belowThreshold') : t('board.belowThresholdOf', { minScore })}
          </div>
        )}
      </div>
    </div>
  );
}

export function DraggableKrCard(props: KrCardProps) {
  const { card, sourceId, t, readOnly } = props;
  const data: DragData = { krId: card.kr.id, sourceId };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: dragId(sourceId, card.kr.id),
    data,
    disabled: readOnly,
  });
  const handle = readOnly ? undefined : (
    <button
      type="button"
      {...attributes}
      {...listeners}
      data-testid={TEST_IDS.board.dragHandle(card.kr.id, sourceId)}
      aria-label={t('board.dragHandle', { title: card.kr.title })}
      style={{
        border: 0,
        background: 'none',
        cursor: 'grab',
        padding: 0,
        color: NEUTRAL.muted,
        alignSelf: 'stretch',
      }}
    >
      <HolderOutlined aria-hidden />
    </button>
  );
  return (
    <div ref={setNodeRef} style={{ opacity: isDragging ? 0.4 : 1, height: CARD_HEIGHT }}>
      <KrCardFace {...props} handle={handle} />
    </div>
  );
}
