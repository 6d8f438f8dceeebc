// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';
import { TEST_IDS, UNLINKED_ID } from '../test-ids.ts';
import { AlignmentBoard } from './index.tsx';

const objectives = [
  makeObjective({ id: 'o-energy', title: '拓展新能源行业客户', ownerId: 'p-wang' }),
  makeObjective({ id: 'o-margin', title: '提升高毛利产品占比', ownerId: 'p-chen' }),
];
const names = { 'p-wang': '王建国', 'p-chen': '陈静' };
const linked = makeKr({
  id: 'kr-1',
  title: '签约 5 家新能源客户',
  links: [{ objectiveId: 'o-energy', weight: 60, linkedAt: '2026-01-10T09:00:00Z' }],
});
const free = makeKr({ id: 'kr-2', title: '拜访 40 家老客户' });
const cards = [makeCard(linked), makeCard(free, { score: 25, belowThreshold: true })];

afterEach(() => {
  cleanup();
});

// Role queries walk the whole antd DOM and take seconds each on a busy machine: labels and text instead.
const drawerNow = () => document.querySelector<HTMLElement>('.ant-drawer-content');
const rowOf = (drawer: HTMLElement, title: string) =>
  drawer.querySelector<HTMLElement>(`li[aria-label="${title}"]`) as HTMLElement;
const tick = (row: HTMLElement) => fireEvent.click(row.querySelector('input[type="checkbox"]') as Element);
const button = (within_: HTMLElement, text: string) =>
  within(within_).getByText(text).closest('button') as HTMLButtonElement;

async function openPicker(krId: string, sourceId: string) {
  const card = screen.getByTestId(TEST_IDS.board.card(krId, sourceId));
  fireEvent.click(within(card).getByLabelText(/^更多操作/));
  fireEvent.click(await screen.findByText('关联到…'));
  return waitFor(() => drawerNow() ?? Promise.reject(new Error('no drawer yet')));
}

describe('LinkPicker ("关联到…")', () => {
  it('lists the objectives with owner and KR count, and links the ticked one with its weight', async () => {
    const onLink = vi.fn(() => true);
    render(
      <AlignmentBoard objectives={objectives} cards={cards} names={names} onLink={onLink} minScore={60} />,
    );
    const drawer = await openPicker('kr-2', UNLINKED_ID);
    const energy = rowOf(drawer, '拓展新能源行业客户');
    expect(energy.textContent).toContain('负责人 王建国 · 1 个 KR');
    const margin = rowOf(drawer, '提升高毛利产品占比');
    expect(margin.textContent).toContain('负责人 陈静 · 0 个 KR');

    // Nothing ticked: nothing to save.
    expect(button(drawer, '没有改动').disabled).toBe(true);
    tick(margin);
    const weight = within(margin).getByLabelText('对“提升高毛利产品占比”的贡献权重');
    // The default is what a drag from the tray proposes: the whole, for a KR with no links.
    expect((weight as HTMLInputElement).value).toBe('100');
    fireEvent.change(weight, { target: { value: '30' } });
    fireEvent.click(button(drawer, '保存关联'));

    expect(onLink).toHaveBeenCalledExactlyOnceWith('kr-2', 'o-margin', 30);
    expect(await screen.findByText('已保存“拜访 40 家老客户”的关联：提升高毛利产品占比')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('.ant-drawer-open')).toBeNull());
  });

  it('proposes the unassigned share beside an existing link and unlinks from the same drawer', async () => {
    const onLink = vi.fn(() => true);
    const onUnlink = vi.fn(() => true);
    render(
      <AlignmentBoard
        objectives={objectives}
        cards={cards}
        names={names}
        onLink={onLink}
        onUnlink={onUnlink}
      />,
    );
    const drawer = await openPicker('kr-1', 'o-energy');
    const margin = rowOf(drawer, '提升高毛利产品占比');
    tick(margin);
    expect(
      (within(margin).getByLabelText('对“提升高毛利产品占比”的贡献权重') as HTMLInputElement).value,
    ).toBe('40');

    const energy = rowOf(drawer, '拓展新能源行业客户');
    expect(energy.textContent).toContain('已关联');
    fireEvent.click(within(energy).getByLabelText('解除与“拓展新能源行业客户”的关联'));
    expect(onUnlink).toHaveBeenCalledExactlyOnceWith('kr-1', 'o-energy');
    expect(await screen.findByText('已解除“签约 5 家新能源客户”与“拓展新能源行业客户”的关联')).toBeTruthy();
    expect(onLink).not.toHaveBeenCalled();
  });

  it('says so and stays open when the board cannot send', async () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} onLink={() => false} />);
    const drawer = await openPicker('kr-2', UNLINKED_ID);
    tick(rowOf(drawer, '拓展新能源行业客户'));
    fireEvent.click(button(drawer, '保存关联'));
    expect(await screen.findByText('看板未连接，暂时无法保存，请稍后再试')).toBeTruthy();
    expect(document.querySelector('.ant-drawer-open')).not.toBeNull();
  });

  it('opens for the KR a deep link names (act=link) and outlines its card', async () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} focus={{ krId: 'kr-2', act: 'link' }} />);
    const drawer = await waitFor(() => drawerNow() ?? Promise.reject(new Error('no drawer yet')));
    expect(within(drawer).getByText('拜访 40 家老客户')).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.board.card('kr-2', UNLINKED_ID)).dataset.focused).toBe('true');
    expect(screen.getByTestId(TEST_IDS.board.card('kr-1', 'o-energy')).dataset.focused).toBeUndefined();
  });

  it('offers no menu when read-only', () => {
    render(<AlignmentBoard objectives={objectives} cards={cards} readOnly />);
    expect(screen.queryByLabelText(/^更多操作/)).toBeNull();
  });

  it('is a bottom sheet on a 390 px phone, and touch-action is none on the drag handle only', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      render(<AlignmentBoard objectives={objectives} cards={cards} onLink={() => true} />);
      const handle = screen.getByTestId(TEST_IDS.board.dragHandle('kr-2', UNLINKED_ID));
      expect(handle.style.touchAction).toBe('none');
      expect(screen.getByTestId(TEST_IDS.board.card('kr-2', UNLINKED_ID)).style.touchAction).toBeFalsy();
      expect(screen.getByTestId(TEST_IDS.board.tray).style.scrollSnapAlign).toBe('start');
      await openPicker('kr-2', UNLINKED_ID);
      await act(async () => {});
      expect(document.querySelector('.ant-drawer-bottom')).not.toBeNull();
    } finally {
      window.innerWidth = width;
    }
  });
});
