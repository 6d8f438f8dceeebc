import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';
import type { Id } from '../../plugin/domain/types.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL } from '../shared/palette.ts';
import { TEST_IDS } from '../test-ids.ts';
import type { AlignmentCard } from './board-model.ts';
import { CARD_HEIGHT, DraggableKrCard } from './KrCard.tsx';

export const COLUMN_WIDTH = 300;
export const MIN_COLUMN_WIDTH = 260;
const OVERSCAN = 4;

interface BoardColumnProps {
  id: Id;
  testId: string;
  title: string;
  subtitle?: string;
  /** Host controls beside the title. */
  actions?: ReactNode;
  cards: AlignmentCard[];
  listHeight: number;
  t: WidgetT;
  minScore?: number;
  readOnly?: boolean;
  onUnlink?: (krId: Id, objectiveId: Id) => void;
  onOpenPicker?: (krId: Id) => void;
  /** A KR a deep link points at: scrolled into view and outlined when this column holds it. */
  focusKrId?: Id | null;
  /** Phones: the column is a scroll-snap stop of the sideways-scrolling board. */
  snap?: boolean;
  muted?: boolean;
}

/** A drop target with a virtualised card list: only the cards in view (plus a few) are mounted. */
export function BoardColumn({
  id,
  testId,
  title,
  subtitle,
  actions,
  cards,
  listHeight,
  t,
  minScore,
  readOnly,
  onUnlink,
  onOpenPicker,
  focusKrId = null,
  snap = false,
  muted,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    getItemKey: (index) => cards[index]?.kr.id ?? index,
    overscan: OVERSCAN,
    initialRect: { width: COLUMN_WIDTH, height: listHeight },
    // The list's size is fixed by its style, so it is known without observing layout.
    observeElementRect: (_instance, onRect) => {
      onRect({ width: COLUMN_WIDTH, height: listHeight });
    },
  });
  const warnings = cards.reduce((n, card) => n + (card.belowThreshold ? 1 : 0), 0);
  const sectionRef = useRef<HTMLElement | null>(null);
  const focusIndex = focusKrId ? cards.findIndex((card) => card.kr.id === focusKrId) : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll once per focused KR, not on every card change
  useEffect(() => {
    if (focusIndex < 0) return;
    virtualizer.scrollToIndex(focusIndex, { align: 'center' });
    sectionRef.current?.scrollIntoView?.({ block: 'nearest', inline: 'start', behavior: 'smooth' });
  }, [focusKrId, focusIndex >= 0]);
  return (
    <section
      ref={(node) => {
        setNodeRef(node);
        sectionRef.current = node;
      }}
      data-testid={testId}
      aria-label={title}
      style={{
        // Columns give up a little width so four fit a 1440 px screen beside the menu; below
        // MIN_COLUMN_WIDTH the board scrolls sideways instead.
        flex: `1 1 ${COLUMN_WIDTH}px`,
        minWidth: MIN_COLUMN_WIDTH,
        maxWidth: COLUMN_WIDTH,
        boxSizing: 'border-box',
        scrollSnapAlign: snap ? 'start' : undefined,
        padding: 8,
        borderRadius: 8,
        border: `${isOver ? 2 : 1}px ${muted ? 'dashed' : 'solid'} ${isOver ? '#0072B2' : NEUTRAL.border}`,
        background: muted ? '#f5f5f5' : NEUTRAL.surface,
      }}
    >
      <header style={{ marginBottom: 8 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <div style={{ fontWeight: 600, fontSize: 14, flex: 1, minWidth: 0 }}>{title}</div>
          {actions}
        </div>
        <div style={{ color: NEUTRAL.muted, fontSize: 12 }} data-testid={TEST_IDS.board.count(id)}>
          {subtitle ? `${subtitle} · ` : ''}
          {t('board.columnCount', { count: cards.length, warnings })}
        </div>
      </header>
      <div ref={scrollRef} style={{ height: listHeight, overflowY: 'auto', contain: 'strict' }}>
        {cards.length === 0 ? (
          <div style={{ color: NEUTRAL.muted, fontSize: 12, padding: 8 }}>{t('board.emptyColumn')}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const card = cards[item.index];
              if (!card) return null;
              return (
                <div
                  key={item.key}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <DraggableKrCard
                    card={card}
                    sourceId={id}
                    t={t}
                    minScore={minScore}
                    readOnly={readOnly}
                    onUnlink={onUnlink}
                    onOpenPicker={onOpenPicker}
                    focused={card.kr.id === focusKrId}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
