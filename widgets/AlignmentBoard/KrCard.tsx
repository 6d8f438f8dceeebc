import { CloseOutlined, HolderOutlined, MoreOutlined, WarningFilled } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { Dropdown } from 'antd';
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
  /** Opens "Link to…" for this card (the card's menu); the phone's way to link without dragging. */
  onOpenPicker?: (krId: Id) => void;
  /** The card a deep link pointed at: outlined until another is. */
  focused?: boolean;
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

/** The factor the host found missing, else what the card itself shows is missing (link, then rationale). */
const gapOf = ({ gap, kr }: AlignmentCard) =>
  gap ?? (kr.links.length === 0 ? 'linked' : kr.rationale.trim() === '' ? 'rationale' : null);

function reminder(card: AlignmentCard, t: WidgetT, minScore: number | undefined): string {
  const gap = gapOf(card);
  if (minScore === undefined || !gap)
    return minScore === undefined ? t('board.belowThreshold') : t('board.belowThresholdOf', { minScore });
  return t(`board.gap.${gap}`, { minScore });
}

/** The card's face; also used, without drag wiring, as the drag overlay. */
export function KrCardFace({
  card,
  sourceId,
  t,
  minScore,
  readOnly,
  onUnlink,
  onOpenPicker,
  focused = false,
  handle,
  overlay = false,
}: KrCardProps & { handle?: ReactNode; overlay?: boolean }) {
  const { kr } = card;
  const link = kr.links.find((l) => l.objectiveId === sourceId);
  const warning = card.belowThreshold;
  return (
    <div
      style={{
        ...cardStyle,
        borderLeft: `4px solid ${warning ? TRAFFIC_COLOURS.amber.strong : '#0072B2'}`,
        ...(focused ? { outline: '2px solid #0072B2', outlineOffset: -2 } : {}),
      }}
      data-testid={overlay ? undefined : TEST_IDS.board.card(kr.id, sourceId)}
      data-below-threshold={warning}
      data-focused={focused || undefined}
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
          {!readOnly && !overlay && onOpenPicker && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [{ key: 'link', label: t('board.linkTo') }],
                onClick: () => onOpenPicker(kr.id),
              }}
            >
              <button
                type="button"
                aria-label={t('board.cardMenu', { title: kr.title })}
                style={{
                  border: 0,
                  background: 'none',
                  cursor: 'pointer',
                  padding: '0 2px',
                  color: NEUTRAL.muted,
                }}
              >
                <MoreOutlined aria-hidden />
              </button>
            </Dropdown>
          )}
        </div>
        <div
          style={{ color: NEUTRAL.muted, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {card.regionName
            ? t('board.ownerRegion', { owner: card.ownerName, region: card.regionName })
            : card.ownerName}
          {link ? ` · ${t('board.linkWeight', { weight: link.weight })}` : ''}
        </div>
        {warning && (
          // Two lines: the English reminder is longer than a card is wide; the card has room for them.
          <div
            title={reminder(card, t, minScore)}
            style={{
              color: '#8a5a00',
              // 18 + 18 + 2 × 16 px fits the card's 70 px inside its padding and border.
              lineHeight: '16px',
              display: '-webkit-box',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              overflow: 'hidden',
            }}
          >
            <WarningFilled aria-hidden style={{ color: TRAFFIC_COLOURS.amber.strong }} />{' '}
            {reminder(card, t, minScore)}
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
        // A wider target for a finger, without moving the card's text.
        padding: '0 6px',
        margin: '0 -6px',
        color: NEUTRAL.muted,
        alignSelf: 'stretch',
        // Only the handle takes the finger for dragging: the rest of the card and page still scroll.
        touchAction: 'none',
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
