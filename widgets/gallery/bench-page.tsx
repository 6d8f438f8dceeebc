// The page bench/board-render.bench.ts builds and loads: mounts the alignment board with `?cards=N`
// synthetic KRs and records the time from mount until the next painted frame.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { AlignmentBoard } from '../AlignmentBoard/index.tsx';
import { syntheticCards, syntheticObjectives } from './synthetic-board.ts';

declare global {
  interface Window {
    __boardBench?: { cards: number; mountMs: number; paintedMs: number; mountedCards: number };
  }
}

const count = Number(new URLSearchParams(location.search).get('cards') ?? '200');
const cards = syntheticCards(count);
const container = document.getElementById('root');
if (!container) throw new Error('bench-page: #root is missing from the bench HTML');
const root = createRoot(container);

const start = performance.now();
flushSync(() => {
  root.render(<AlignmentBoard objectives={syntheticObjectives} cards={cards} minScore={60} />);
});
const mounted = performance.now();
// The frame after the commit is painted once the following frame starts.
requestAnimationFrame(() => {
  requestAnimationFrame(() => {
    window.__boardBench = {
      cards: count,
      mountMs: mounted - start,
      paintedMs: performance.now() - start,
      mountedCards: document.querySelectorAll('[data-below-threshold]').length,
    };
  });
});
