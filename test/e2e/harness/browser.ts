import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../chromium.mjs';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
/** Where failure screenshots go (gitignored with test-results/). */
export const ARTIFACTS = join(REPO, 'test-results', 'e2e');

/** Debian's chromium, headless, with the background chatter switched off (see issue 7). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Keeps every page a journey opens, so a failing test can leave a screenshot of each. */
export class PageTracker {
  private readonly pages: { label: string; page: Page }[] = [];
  private readonly events: string[] = [];

  track(label: string, page: Page): Page {
    this.pages.push({ label, page });
    const note = (what: string) => this.events.push(`[${label}] ${new Date().toISOString()} ${what}`);
    page.on('requestfailed', (r) =>
      note(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`),
    );
    page.on('pageerror', (e) => note(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') note(`console error: ${m.text()}`);
    });
    page.on('crash', () => note('page crashed'));
    return page;
  }

  /** Failed requests, page errors and console errors of the tracked pages, oldest first. */
  browserEvents(): string[] {
    return [...this.events];
  }

  /** Screenshots of every open page into test-results/e2e/<test>-<label>.png; returns the paths. */
  async screenshotAll(testName: string): Promise<string[]> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = testName
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80);
    const paths: string[] = [];
    for (const { label, page } of this.pages) {
      if (page.isClosed()) continue;
      const path = join(ARTIFACTS, `${base}-${label}.png`);
      try {
        await page.screenshot({ path, fullPage: true, timeout: 15_000 });
        paths.push(path);
      } catch {
        // A crashed page has nothing to show; the test's own error says what went wrong.
      }
    }
    return paths;
  }
}

/** A browser context whose cookie jar holds a session made by POST /api/auth/login. */
export async function signedInContext(browser: Browser, baseURL: string, login: string, password: string) {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  });
  const res = await context.request.post('/api/auth/login', { data: { login, password } });
  if (res.status() !== 200) {
    throw new Error(`e2e: login of ${login} answered ${res.status()}: ${await res.text()}`);
  }
  return context;
}

export type { Browser, BrowserContext, Page };
