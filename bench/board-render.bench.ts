/**
 * Renders the alignment board with 200 and 2,000 KR cards in headless Chromium and prints the time
 * from mount to the first painted frame, and their ratio. Target: under 500 ms for 2,000 cards.
 * Builds widgets/gallery/bench-page.tsx with Vite into a temp dir and serves it on 127.0.0.1.
 * Run: `npm run bench` or `node --import tsx bench/board-render.bench.ts`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { launchChromium } from '../test/chromium.mjs';

const SIZES = [200, 2000] as const;
const RUNS = 5;
const TARGET_MS = 500;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchPage = join(repo, 'widgets/gallery/bench-page.tsx');

interface BenchResult {
  cards: number;
  mountMs: number;
  paintedMs: number;
  filterMs: number;
  mountedCards: number;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function buildPage(dir: string): Promise<string> {
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="./entry.ts"></script>',
  );
  await writeFile(join(dir, 'entry.ts'), `import ${JSON.stringify(benchPage)};\n`);
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  return outDir;
}

function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'okr-board-bench-'));
  const server = await serve(await buildPage(dir).then((out) => out));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const measure = async (cards: number): Promise<BenchResult> => {
      const page = await context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${port}/?cards=${cards}`);
        await page.waitForFunction(() => window.__boardBench !== undefined, undefined, { timeout: 60_000 });
        return (await page.evaluate(() => window.__boardBench)) as BenchResult;
      } finally {
        await page.close();
      }
    };
    await measure(SIZES[0]); // warm-up: first parse and compile of the bundle
    const summary = new Map<
      number,
      { mount: number; painted: number; best: number; filter: number; mounted: number }
    >();
    for (const cards of SIZES) {
      const runs: BenchResult[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await measure(cards));
      summary.set(cards, {
        mount: median(runs.map((r) => r.mountMs)),
        painted: median(runs.map((r) => r.paintedMs)),
        best: Math.min(...runs.map((r) => r.paintedMs)),
        filter: median(runs.map((r) => r.filterMs)),
        mounted: runs[0]?.mountedCards ?? 0,
      });
    }
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    console.log(
      `alignment board, mount → painted, median of ${RUNS} runs (headless Chromium, load average ${load})`,
    );
    for (const [cards, s] of summary) {
      console.log(
        `  ${String(cards).padStart(5)} cards: ${s.painted.toFixed(1)} ms painted (best ${s.best.toFixed(1)} ms; ${s.mount.toFixed(1)} ms mount; ${s.mounted} cards in the DOM); filter change ${s.filter.toFixed(1)} ms`,
      );
    }
    const small = summary.get(SIZES[0]);
    const large = summary.get(SIZES[1]);
    if (small && large) {
      console.log(`  ratio ${SIZES[1]}/${SIZES[0]}: ${(large.painted / small.painted).toFixed(2)}×`);
      const verdict = large.painted < TARGET_MS ? 'within' : 'OVER';
      console.log(`  ${SIZES[1]} cards ${verdict} the ${TARGET_MS} ms target`);
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
