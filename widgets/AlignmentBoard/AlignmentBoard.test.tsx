// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';
import { TEST_IDS, UNLINKED_ID } from '../test-ids.ts';
import { dropIntents, groupCards, proposedLinkWeight } from './board-model.ts';
import { AlignmentBoard } from './index.tsx';

const LINKED_AT = '2026-01-10T09:00:00Z';
const objectives = [
  makeObjective({ id: 'o-energy', title: '拓展新能源行业客户', focusTags: ['new-energy'] }),
  makeObjective({ id: 'o-margin', title: '提升高毛利产品占比', focusTags: ['high-margin'] }),
];
const krLinked = makeKr({
  id: 'kr-1',
  title: '签约 5 家新能源客户',
  ownerId: 'p-zhang',
  links: [{ objectiveId: 'o-energy', weight: 60, linkedAt: LINKED_AT }],
});
const krFree = makeKr({ id: 'kr-2', title: '拜访 40 家老客户', ownerId: 'p-li' });
const krSouth = makeKr({ id: 'kr-3', title: '高毛利机型 300 万', ownerId: 'p-wang' });
const cards = [
  makeCard(krLinked, { ownerName: '张伟', regionId: 'r-east', regionName: '华东', score: 85 }),
  makeCard(krFree, {
    ownerName: '李娜',
    regionId: 'r-east',
    regionName: '华东',
    score: 25,
    belowThreshold: true,
  }),
  makeCard(krSouth, {
    ownerName: '王强',
    regionId: 'r-south',
    regionName: '华南',
    score: 40,
    belowThreshold: true,
  }),
];

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('board model', () => {
  it('links from the tray with the unassigned share of the weight', () => {
    expect(dropIntents(krFree, UNLINKED_ID, 'o-energy')).toEqual([
      { type: 'link', krId: 'kr-2', objectiveId: 'o-energy', weight: 100 },
    ]);
    expect(proposedLinkWeight(krLinked)).toBe(40);
  });

  it('splits equally when existing links already use the whole weight', () => {
    const full = makeKr({
      id: 'kr-x',
      links: [{ objectiveId: 'o-energy', weight: 100, linkedAt: LINKED_AT }],
    });
    expect(proposedLinkWeight(full)).toBe(50);
  });

  it('unlinks when dragged from an objective to the tray, and moves the weight between objectives', () => {
    expect(dropIntents(krLinked, 'o-energy', UNLINKED_ID)).toEqual([
      { type: 'unlink', krId: 'kr-1', objectiveId: 'o-energy' },
    ]);
    expect(dropIntents(krLinked, 'o-energy', 'o-margin')).toEqual([
      { type: 'unlink', krId: 'kr-1', objectiveId: 'o-energy' },
      { type: 'link', krId: 'kr-1', objectiveId: 'o-margin', weight: 60 },
    ]);
  });

  it('does nothing when dropped on its own column or outside', () => {
    expect(dropIntents(krLinked, 'o-energy', 'o-energy')).toEqual([]);
    expect(dropIntents(krLinked, 'o-energy', null)).toEqual([]);
    expect(dropIntents(krLinked, UNLINKED_ID, 'o-energy')).toEqual([]);
  });

  it('groups cards by linked objective, ignoring links to objectives not on the board', () => {
    const elsewhere = makeKr({
      id: 'kr-9',
      links: [{ objectiveId: 'o-other-cycle', weight: 100, linkedAt: LINKED_AT }],
    });
    const columns = groupCards([...cards, makeCard(elsewhere)], objectives, {
      regionId: null,
      personId: null,
    });
    expect(columns.get('o-energy')?.map((c) => c.kr.id)).toEqual(['kr-1']);
    expect(columns.get('o-margin')).toEqual([]);
    expect(columns.get(UNLINKED_ID)?.map((c) => c.kr.id)).toEqual(['kr-2', 'kr-3', 'kr-9']);
  });
});

/** jsdom does no layout: give each column a place side by side so dnd-kit can measure it. */
function layOutColumnsSideBySide() {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const section = this.closest('section');
    const sections = [...document.querySelectorAll('section')];
    const index = section ? sections.indexOf(section) : 0;
    const left = index * 320;
    const isSection = this === section;
    const rect = isSection
      ? { left, top: 0, width: 300, height: 600 }
      : { left: left + 8, top: 60, width: 284, height: 84 };
    return {
      ...rect,
      x: rect.left,
      y: rect.top,
      right: rect.left + rect.width,
      bottom: rect.top + rect.height,
      toJSON: () => rect,
    } as DOMRect;
  });
}

describe('AlignmentBoard', () => {
  it('shows each KR with owner, region, score and a warning under the threshold', () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} minScore={60} />);
    const linked = screen.getByTestId(TEST_IDS.board.card('kr-1', 'o-energy'));
    expect(linked.textContent).toContain('张伟 · 华东');
    expect(linked.textContent).toContain('贡献权重 60%');
    expect(within(linked).getByLabelText('对齐分 85')).toBeTruthy();
    expect(linked.dataset.belowThreshold).toBe('false');
    const weak = screen.getByTestId(TEST_IDS.board.card('kr-2', UNLINKED_ID));
    // Unlinked: the reminder names the link, the factor that is missing.
    expect(weak.textContent).toContain('对齐分低于 60，请关联战略目标');
    expect(weak.textContent).not.toContain('对齐依据');
    expect(screen.getByTestId(TEST_IDS.board.count('o-energy')).textContent).toContain('1 个 KR');
  });

  it('names the missing factor: a linked KR without rationale is asked for it, a host-computed gap wins', () => {
    const linkedOnly = makeKr({
      id: 'kr-9',
      title: '储能回款',
      links: [{ objectiveId: 'o-energy', weight: 100, linkedAt: '2026-01-05T00:00:00Z' }],
    });
    const confirmed = makeKr({
      id: 'kr-8',
      title: '待确认',
      rationale: '依据已写好，支撑储能目标的落地。',
      links: linkedOnly.links,
    });
    render(
      <AlignmentBoard
        objectives={objectives}
        cards={[
          makeCard(linkedOnly, { score: 40, belowThreshold: true }),
          makeCard(confirmed, { score: 55, belowThreshold: true, gap: 'managerConfirmed' }),
        ]}
        minScore={60}
      />,
    );
    expect(screen.getByTestId(TEST_IDS.board.card('kr-9', 'o-energy')).textContent).toContain(
      '对齐分低于 60，请补全对齐依据',
    );
    expect(screen.getByTestId(TEST_IDS.board.card('kr-8', 'o-energy')).textContent).toContain(
      '待经理确认对齐',
    );
  });

  it('speaks English when asked', () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} locale="en-US" />);
    expect(screen.getByTestId(TEST_IDS.board.tray).getAttribute('aria-label')).toBe('Unlinked KRs');
  });

  it('links a KR by keyboard drag from the tray onto an objective', async () => {
    const onLink = vi.fn();
    const onUnlink = vi.fn();
    const user = userEvent.setup();
    render(<AlignmentBoard objectives={objectives} cards={cards} onLink={onLink} onUnlink={onUnlink} />);
    layOutColumnsSideBySide();
    const handle = screen.getByTestId(TEST_IDS.board.dragHandle('kr-2', UNLINKED_ID));
    handle.focus();
    await user.keyboard(' ');
    // tray is the third column: two steps left reach the first objective
    await user.keyboard('{ArrowLeft}');
    await user.keyboard('{ArrowLeft}');
    await user.keyboard(' ');
    expect(onLink).toHaveBeenCalledExactlyOnceWith('kr-2', 'o-energy', 100);
    expect(onUnlink).not.toHaveBeenCalled();
  });

  it('unlinks a KR by keyboard drag from its objective to the tray', async () => {
    const onLink = vi.fn();
    const onUnlink = vi.fn();
    const user = userEvent.setup();
    render(<AlignmentBoard objectives={objectives} cards={cards} onLink={onLink} onUnlink={onUnlink} />);
    layOutColumnsSideBySide();
    screen.getByTestId(TEST_IDS.board.dragHandle('kr-1', 'o-energy')).focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowRight}');
    await user.keyboard('{ArrowRight}');
    await user.keyboard(' ');
    expect(onUnlink).toHaveBeenCalledExactlyOnceWith('kr-1', 'o-energy');
    expect(onLink).not.toHaveBeenCalled();
  });

  it('cancels a keyboard drag with escape', async () => {
    const onLink = vi.fn();
    const user = userEvent.setup();
    render(<AlignmentBoard objectives={objectives} cards={cards} onLink={onLink} />);
    layOutColumnsSideBySide();
    screen.getByTestId(TEST_IDS.board.dragHandle('kr-2', UNLINKED_ID)).focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowLeft}');
    await user.keyboard('{Escape}');
    expect(onLink).not.toHaveBeenCalled();
  });

  it('unlinks with the card button', () => {
    const onUnlink = vi.fn();
    render(<AlignmentBoard objectives={objectives} cards={cards} onUnlink={onUnlink} />);
    fireEvent.click(screen.getByTestId(TEST_IDS.board.unlinkButton('kr-1', 'o-energy')));
    expect(onUnlink).toHaveBeenCalledExactlyOnceWith('kr-1', 'o-energy');
  });

  it('has no drag handles or unlink buttons when read-only', () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} readOnly />);
    expect(screen.queryByTestId(TEST_IDS.board.dragHandle('kr-2', UNLINKED_ID))).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.board.unlinkButton('kr-1', 'o-energy'))).toBeNull();
  });

  it('filters by region and reports the change', async () => {
    const onFiltersChange = vi.fn();
    render(<AlignmentBoard objectives={objectives} cards={cards} onFiltersChange={onFiltersChange} />);
    const select = screen.getByTestId(TEST_IDS.board.regionFilter);
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') as Element);
    const option = await screen.findByTitle('华南');
    await act(async () => fireEvent.click(option));
    expect(onFiltersChange).toHaveBeenLastCalledWith({ regionId: 'r-south', personId: null });
    expect(screen.queryByTestId(TEST_IDS.board.card('kr-1', 'o-energy'))).toBeNull();
    expect(screen.getByTestId(TEST_IDS.board.card('kr-3', UNLINKED_ID))).toBeTruthy();
  });

  it('follows controlled person filters', () => {
    const { rerender } = render(
      <AlignmentBoard objectives={objectives} cards={cards} filters={{ regionId: null, personId: 'p-li' }} />,
    );
    expect(screen.getByTestId(TEST_IDS.board.card('kr-2', UNLINKED_ID))).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.board.card('kr-3', UNLINKED_ID))).toBeNull();
    rerender(
      <AlignmentBoard objectives={objectives} cards={cards} filters={{ regionId: null, personId: null }} />,
    );
    expect(screen.getByTestId(TEST_IDS.board.card('kr-3', UNLINKED_ID))).toBeTruthy();
  });

  it('shows who else is on the board', () => {
    render(
      <AlignmentBoard
        objectives={objectives}
        cards={cards}
        presence={[
          { id: 'u-1', name: '陈经理' },
          { id: 'u-2', name: '赵总' },
        ]}
      />,
    );
    const presence = screen.getByTestId(TEST_IDS.board.presence);
    expect(presence.textContent).toContain('2 人在看板上');
    expect(within(presence).getByLabelText('陈经理').textContent).toBe('陈');
  });

  it('mounts only the cards in view when a column holds thousands', () => {
    const many = Array.from({ length: 2000 }, (_, i) => makeCard(makeKr({ id: `kr-many-${i}` })));
    render(<AlignmentBoard objectives={objectives} cards={many} listHeight={400} />);
    const mounted = screen.getByTestId(TEST_IDS.board.tray).querySelectorAll('[data-below-threshold]').length;
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThan(30);
    expect(screen.getByTestId(TEST_IDS.board.count(UNLINKED_ID)).textContent).toContain('2000');
  });
});
