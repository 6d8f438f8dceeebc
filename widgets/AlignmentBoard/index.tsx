import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Avatar, Select, Space, Tooltip } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Id, Objective } from '../../plugin/domain/types.ts';
import { focusTagWords } from '../shared/focus-tags.ts';
import { useWidgetT, type WidgetLocale } from '../shared/i18n.ts';
import { SERIES_COLOURS } from '../shared/palette.ts';
import { TEST_IDS, UNLINKED_ID } from '../test-ids.ts';
import { BoardColumn, COLUMN_WIDTH } from './BoardColumn.tsx';
import {
  type AlignmentCard,
  type BoardFilters,
  type BoardIntent,
  dropIntents,
  filterOptions,
  groupCards,
  NO_FILTERS,
} from './board-model.ts';
import { type DragData, KrCardFace } from './KrCard.tsx';
import { columnKeyboardCoordinates } from './keyboard-coordinates.ts';
import { type LinkFn, LinkPicker, type UnlinkFn } from './LinkPicker.tsx';
import { useNarrowScreen } from './use-narrow-screen.ts';

export type { AlignmentCard, BoardFilters, BoardIntent } from './board-model.ts';
export { dropIntents, groupCards, proposedLinkWeight } from './board-model.ts';

/** Someone else currently on the board (from the host's realtime presence). */
export interface PresenceUser {
  id: Id;
  name: string;
}

export interface AlignmentBoardProps {
  objectives: Objective[];
  cards: AlignmentCard[];
  /** Shown in the warning text; the cards' `belowThreshold` decides which cards warn. */
  minScore?: number;
  presence?: PresenceUser[];
  /** Controlled filters; leave undefined to let the board keep its own. */
  filters?: BoardFilters;
  onFiltersChange?: (filters: BoardFilters) => void;
  /** Link (or change the weight of a link); return false when the intent could not be sent. */
  onLink?: LinkFn;
  onUnlink?: UnlinkFn;
  readOnly?: boolean;
  /** Names of people by id, for the objectives' owners in "Link to…". */
  names?: Readonly<Record<Id, string>>;
  /**
   * A deep link (`?focus=<krId>&act=link`): the board scrolls to that KR's card and outlines it;
   * `act: 'link'` opens "Link to…" for it. Acted on once per KR id.
   */
  focus?: { krId: Id; act?: 'link' | null } | null;
  /** Controls the host puts in an objective's column header (edit, archive…). */
  objectiveActions?: (objective: Objective) => ReactNode;
  /** Height of each column's scrolling card list, in pixels. */
  listHeight?: number;
  locale?: WidgetLocale;
}

const DEFAULT_LIST_HEIGHT = 520;

// Pointer drags use what is under the pointer; keyboard drags have no pointer, so the nearest column.
const collisionDetection: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCenter(args);
};

/** The kickoff map: a column per strategic Objective, an unlinked tray, drag a KR to link or unlink it. */
export function AlignmentBoard({
  objectives,
  cards,
  minScore,
  presence = [],
  filters: controlledFilters,
  onFiltersChange,
  onLink,
  onUnlink,
  readOnly = false,
  names,
  focus = null,
  objectiveActions,
  listHeight = DEFAULT_LIST_HEIGHT,
  locale,
}: AlignmentBoardProps) {
  const t = useWidgetT(locale);
  const [ownFilters, setOwnFilters] = useState<BoardFilters>(NO_FILTERS);
  const filters = controlledFilters ?? ownFilters;
  const [active, setActive] = useState<DragData | null>(null);

  const cardsById = useMemo(() => new Map(cards.map((card) => [card.kr.id, card])), [cards]);
  const columns = useMemo(() => groupCards(cards, objectives, filters), [cards, objectives, filters]);
  const options = useMemo(() => filterOptions(cards), [cards]);

  // A finger picks a card up after a short press (a swipe still scrolls); a mouse after 4 px.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const narrow = useNarrowScreen();
  const [pickerKrId, setPickerKrId] = useState<Id | null>(null);
  const pickerCard = pickerKrId ? (cardsById.get(pickerKrId) ?? null) : null;
  const krCounts = useMemo(
    () =>
      new Map(
        objectives.map((o) => [
          o.id,
          cards.filter((c) => c.kr.links.some((l) => l.objectiveId === o.id)).length,
        ]),
      ),
    [cards, objectives],
  );
  const openPicker = readOnly ? undefined : setPickerKrId;

  // A deep link is acted on once, when its card is on the board.
  const focusKrId = focus && cardsById.has(focus.krId) ? focus.krId : null;
  const actedOn = useRef<Id | null>(null);
  useEffect(() => {
    if (!focusKrId || actedOn.current === focusKrId) return;
    actedOn.current = focusKrId;
    if (focus?.act === 'link' && !readOnly) setPickerKrId(focusKrId);
  }, [focusKrId, focus?.act, readOnly]);

  const changeFilters = (next: BoardFilters) => {
    if (controlledFilters === undefined) setOwnFilters(next);
    onFiltersChange?.(next);
  };

  const emit = useCallback(
    (intents: BoardIntent[]) => {
      for (const intent of intents) {
        if (intent.type === 'link') onLink?.(intent.krId, intent.objectiveId, intent.weight);
        else onUnlink?.(intent.krId, intent.objectiveId);
      }
    },
    [onLink, onUnlink],
  );

  const handleDragStart = (event: DragStartEvent) => {
    setActive((event.active.data.current as DragData | undefined) ?? null);
  };
  const handleDragEnd = (event: DragEndEvent) => {
    setActive(null);
    const data = event.active.data.current as DragData | undefined;
    const card = data ? cardsById.get(data.krId) : undefined;
    if (!data || !card) return;
    emit(dropIntents(card.kr, data.sourceId, event.over ? String(event.over.id) : null));
  };

  const titleOf = (id: Id) =>
    id === UNLINKED_ID ? t('board.unlinked') : (objectives.find((o) => o.id === id)?.title ?? id);
  const activeCard = active ? cardsById.get(active.krId) : undefined;

  return (
    <div data-testid={TEST_IDS.board.root} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select
            data-testid={TEST_IDS.board.regionFilter}
            aria-label={t('board.filterRegion')}
            placeholder={t('board.allRegions')}
            allowClear
            style={{ minWidth: 160 }}
            value={filters.regionId ?? undefined}
            options={options.regions}
            onChange={(value: Id | undefined) => changeFilters({ ...filters, regionId: value ?? null })}
          />
          <Select
            data-testid={TEST_IDS.board.personFilter}
            aria-label={t('board.filterPerson')}
            placeholder={t('board.allPeople')}
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 160 }}
            value={filters.personId ?? undefined}
            options={options.people}
            onChange={(value: Id | undefined) => changeFilters({ ...filters, personId: value ?? null })}
          />
        </Space>
        <Space
          data-testid={TEST_IDS.board.presence}
          aria-label={t('board.presence', { count: presence.length })}
        >
          <span style={{ fontSize: 12 }}>{t('board.presence', { count: presence.length })}</span>
          <Avatar.Group max={{ count: 5 }} size="small">
            {presence.map((user, index) => (
              <Tooltip key={user.id} title={user.name}>
                <Avatar
                  size="small"
                  aria-label={user.name}
                  style={{ background: SERIES_COLOURS[index % SERIES_COLOURS.length] }}
                >
                  {user.name.slice(0, 1)}
                </Avatar>
              </Tooltip>
            ))}
          </Avatar.Group>
        </Space>
      </Space>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={handleDragStart}
        onDragEnd={handleDragEnd}
        onDragCancel={() => setActive(null)}
        // A wide edge zone: on a phone the target column is off-screen until the board scrolls to it.
        autoScroll={{ threshold: { x: 0.25, y: 0.2 }, acceleration: 15 }}
        accessibility={{
          screenReaderInstructions: { draggable: t('board.dragInstructions') },
          announcements: {
            onDragStart: ({ active: a }) =>
              t('board.announceStart', {
                title: cardsById.get((a.data.current as DragData).krId)?.kr.title ?? '',
              }),
            onDragOver: ({ over }) =>
              over ? t('board.announceOver', { column: titleOf(String(over.id)) }) : undefined,
            onDragEnd: ({ over }) =>
              over
                ? t('board.announceDrop', { column: titleOf(String(over.id)) })
                : t('board.announceCancel'),
            onDragCancel: () => t('board.announceCancel'),
          },
        }}
      >
        <div
          style={{
            display: 'flex',
            gap: 12,
            overflowX: 'auto',
            alignItems: 'flex-start',
            // On a phone one column shows at a time: swipes stop at a column, except while dragging
            // (the board then scrolls itself towards the column under the finger).
            scrollSnapType: narrow && !active ? 'x mandatory' : undefined,
            overscrollBehaviorX: 'contain',
          }}
        >
          {objectives.map((objective) => (
            <BoardColumn
              key={objective.id}
              id={objective.id}
              testId={TEST_IDS.board.column(objective.id)}
              title={objective.title}
              subtitle={objective.focusTags.map((tag) => focusTagWords(tag, t)).join(' / ')}
              actions={objectiveActions?.(objective)}
              cards={columns.get(objective.id) ?? []}
              listHeight={listHeight}
              t={t}
              minScore={minScore}
              readOnly={readOnly}
              onUnlink={onUnlink}
              onOpenPicker={openPicker}
              focusKrId={focusKrId}
              snap={narrow}
            />
          ))}
          <BoardColumn
            id={UNLINKED_ID}
            testId={TEST_IDS.board.tray}
            title={t('board.unlinked')}
            cards={columns.get(UNLINKED_ID) ?? []}
            listHeight={listHeight}
            t={t}
            minScore={minScore}
            readOnly={readOnly}
            onOpenPicker={openPicker}
            focusKrId={focusKrId}
            snap={narrow}
            muted
          />
        </div>
        <DragOverlay dropAnimation={null}>
          {active && activeCard ? (
            <div style={{ width: COLUMN_WIDTH - 16 }}>
              <KrCardFace
                card={activeCard}
                sourceId={active.sourceId}
                t={t}
                minScore={minScore}
                readOnly
                overlay
              />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <LinkPicker
        card={pickerCard}
        objectives={objectives}
        krCounts={krCounts}
        names={names}
        placement={narrow ? 'bottom' : 'right'}
        t={t}
        onLink={onLink}
        onUnlink={onUnlink}
        onClose={() => setPickerKrId(null)}
      />
    </div>
  );
}

export default AlignmentBoard;
