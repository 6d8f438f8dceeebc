// The page bench/board-render.bench.ts builds and loads: mounts the alignment board with `?cards=N`
// synthetic KRs and records the time from mount until the next painted frame, then the same for
// a filter change.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { AlignmentBoard, type BoardFilters } from '../AlignmentBoard/index.tsx';
import { syntheticCards, syntheticObjectives } from './synthetic-board.ts';

declare global {
  interface Window {
    __boardBench?: {
      cards: number;
      mountMs: number;
      paintedMs: number;
      filterMs: number;
      mountedCards: number;
    };
  }
}

const count = Number(new URLSearchParams(location.search).get('cards') ?? '200');
const cards = syntheticCards(count);
const container = document.getElementById('root');
if (!container) throw new Error('bench-page: #root is missing from the bench HTML');
const root = createRoot(container);

const board = (filters?: BoardFilters) => (
  <AlignmentBoard objectives={syntheticObjectives} cards={cards} filters={filters} />
);

/** Resolves once the frame after the current one starts, i.e. the pending DOM change was painted. */
const painted = () =>
  new Promise<number>((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))),
  );

const start = performance.now();
flushSync(() => root.render(board()));
const mounted = performance.now();
const paintedAt = await painted();
const mountedCards = document.querySelectorAll('[data-below-threshold]').length;
// A filter change re-groups every card: the interaction that must stay quick on a big board.
const filterStart = performance.now();
flushSync(() => root.render(board({ regionId: 'r-1', personId: null })));
const filterPainted = await painted();
window.__boardBench = {
  cards: count,
  mountMs: mounted - start,
  paintedMs: paintedAt - start,
  filterMs: filterPainted - filterStart,
  mountedCards,
};
