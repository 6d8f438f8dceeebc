/**
 * Bytes the browser downloads for the web shell (issue 17): the sign-in page, then the first board
 * view after signing in, each with a cold cache and again with a warm one (signed out, same browser).
 * Builds the shell with host/web/vite.config.ts into a temp dir (not host/web/dist, which others may be
 * rebuilding), starts the real server app on it (buildApp with the case-study demo, as the server
 * tests do), drives Debian's chromium and sums what went over the wire per page (CDP `Network.loadingFinished`
 * encodedDataLength: bodies as sent plus response headers). Every figure is printed against its
 * budget, and against the same page downloaded uncompressed in this run (the browser accepting no
 * encoding: what the server sent before precompression).
 * Budgets: sign-in < 150 kB gzip, board after sign-in < 350 kB gzip more, warm visits ~0 for assets.
 * Run: `npm run bench` or `node --import tsx bench/web-payload.bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_PASSWORD } from '../host/demo/case-study-people.ts';
import { launchChromium } from '../test/chromium.mjs';
import { LOGINS, startServer } from '../test/server/helpers.ts';

const VITE_CONFIG = fileURLToPath(new URL('../host/web/vite.config.ts', import.meta.url));

const KB = 1000;
const BUDGET = { signIn: 150 * KB, board: 350 * KB } as const;
/** A warm visit may still revalidate index.html (a 304) and ask the API; hashed assets must not move. */
const WARM_ASSET_BUDGET = 2 * KB;
const LOGIN = LOGINS.sales;
const SETTLE_MS = 400;
/** WEB_PAYLOAD_VERBOSE=1 lists every request with its bytes; WEB_PAYLOAD_DIST=<dir> measures that built shell instead of building one (e.g. an older build, to compare). */
const VERBOSE = process.env.WEB_PAYLOAD_VERBOSE === '1';

/** What the browser says it accepts (the request's accept-encoding, set over CDP). */
const VARIANTS = [
  { name: 'identity', accept: 'identity' },
  { name: 'gzip', accept: 'gzip, deflate' },
  { name: 'br', accept: 'br, gzip, deflate' },
] as const;
type VariantName = (typeof VARIANTS)[number]['name'];

type Kind = 'document' | 'asset' | 'api';
interface Tally {
  bytes: Record<Kind, number>;
  /** Of those bytes, the response headers (HTTP/1.1 repeats them on every request, a few hundred bytes each). */
  headers: number;
  requests: number;
  fromCache: number;
  notModified: number;
}
type PageKey = 'signIn' | 'board';
type Phase = `${PageKey}.${'cold' | 'warm'}`;

const emptyTally = (): Tally => ({
  bytes: { document: 0, asset: 0, api: 0 },
  headers: 0,
  requests: 0,
  fromCache: 0,
  notModified: 0,
});
const total = (t: Tally) => t.bytes.document + t.bytes.asset + t.bytes.api;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/assets/')) return 'asset';
  return 'document';
}

/** Sums the bytes of the requests that finish while a phase is open. */
class Meter {
  private tally = emptyTally();
  private readonly urls = new Map<string, string>();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      this.urls.set(e.requestId, e.request.url);
      if (e.request.url.startsWith('http')) this.tally.requests += 1;
    });
    cdp.on('Network.requestServedFromCache', () => {
      this.tally.fromCache += 1;
    });
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) this.tally.fromCache += 1;
      // Bytes received when the headers are in and the body is not yet: the headers.
      else if (e.response.url.startsWith('http')) this.tally.headers += e.response.encodedDataLength;
    });
    // The raw status: a revalidated index.html is a 304 here, the cached 200 in responseReceived.
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      if (e.statusCode === 304) this.tally.notModified += 1;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const url = this.urls.get(e.requestId);
      if (!url?.startsWith('http')) return;
      this.tally.bytes[kindOf(url)] += e.encodedDataLength;
      if (VERBOSE)
        console.log(`      ${String(e.encodedDataLength).padStart(8)} B  ${new URL(url).pathname}`);
    });
  }

  start() {
    this.tally = emptyTally();
  }

  stop(): Tally {
    return this.tally;
  }
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
}

/** Sign-in page, then the board after signing in; `warm` repeats both in the same browser. */
async function visit(page: Page, meter: Meter, url: string): Promise<Record<Phase, Tally>> {
  const result = {} as Record<Phase, Tally>;
  for (const round of ['cold', 'warm'] as const) {
    if (round === 'warm') await page.context().clearCookies(); // signed out; the HTTP cache stays
    meter.start();
    await page.goto(url);
    await page.locator('input[autocomplete="username"]').waitFor({ timeout: 60_000 });
    await settle(page);
    result[`signIn.${round}`] = meter.stop();

    meter.start();
    await page.locator('input[autocomplete="username"]').fill(LOGIN);
    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('alignment-board').waitFor({ timeout: 60_000 });
    await settle(page);
    result[`board.${round}`] = meter.stop();
  }
  return result;
}

async function main() {
  const given = process.env.WEB_PAYLOAD_DIST;
  const dist = given ?? (await mkdtemp(join(tmpdir(), 'okr-web-payload-')));
  if (!given) {
    await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  }
  // The real clock: session cookies expire by it (the server tests' fixed June 2026 would be the past).
  const server = await startServer({ webDist: dist, now: new Date().toISOString() });
  const browser = await launchChromium();
  const errors: string[] = [];
  const results = new Map<VariantName, Record<Phase, Tally>>();
  try {
    for (const variant of VARIANTS) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.on('console', (m) => {
        // Signed out, GET /api/me answers 401: that is how the page learns it must ask for a login.
        if (m.type() === 'error' && !/status of 401/.test(m.text()))
          errors.push(`[${variant.name}] console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`[${variant.name}] page error: ${e.message}`));
      const cdp = await context.newCDPSession(page);
      const meter = new Meter(cdp);
      await cdp.send('Network.enable');
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'accept-encoding': variant.accept } });
      results.set(variant.name, await visit(page, meter, server.url));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    if (!given) await rm(dist, { recursive: true, force: true });
  }

  const identity = results.get('identity');
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  console.log(
    `web payload per page, bytes over the wire (headless Chromium, load average ${load}; kB = 1000 B)`,
  );
  let over = 0;
  for (const key of ['signIn', 'board'] as const) {
    const label = key === 'signIn' ? 'sign-in page' : 'board after sign-in';
    console.log(`  ${label} (budget ${kb(BUDGET[key])} gzip):`);
    for (const [name, phases] of results) {
      const cold = phases[`${key}.cold`];
      const warm = phases[`${key}.warm`];
      const base = identity?.[`${key}.cold`];
      const vsBase =
        base && name !== 'identity' ? `, ${((total(cold) / total(base)) * 100).toFixed(0)}% of identity` : '';
      const vsBudget = `${((total(cold) / BUDGET[key]) * 100).toFixed(0)}% of budget`;
      console.log(
        `    ${name.padEnd(8)} cold ${kb(total(cold)).padStart(9)} (${vsBudget}${vsBase}; assets ${kb(cold.bytes.asset)}, api ${kb(cold.bytes.api)}, ${cold.requests} requests, headers ${kb(cold.headers)})` +
          `  warm ${kb(total(warm)).padStart(8)} (assets ${kb(warm.bytes.asset)}, api ${kb(warm.bytes.api)}, document ${kb(warm.bytes.document)}; ${warm.fromCache} from cache, ${warm.notModified} not modified)`,
      );
      if (name === 'gzip' && total(cold) >= BUDGET[key]) {
        over += 1;
        console.log(`    OVER: ${label} with gzip is ${kb(total(cold))}, budget ${kb(BUDGET[key])}`);
      }
      if (name !== 'identity' && warm.bytes.asset > WARM_ASSET_BUDGET) {
        over += 1;
        console.log(`    OVER: warm ${label} (${name}) moved ${kb(warm.bytes.asset)} of hashed assets`);
      }
    }
  }
  for (const e of errors) console.log(`  ${e}`);
  console.log(
    over === 0 && errors.length === 0
      ? '  all within budget'
      : `  ${over} over budget, ${errors.length} browser errors`,
  );
  process.exitCode = over === 0 && errors.length === 0 ? 0 : 1;
}

await main();
