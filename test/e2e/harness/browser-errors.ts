import type { Page } from 'playwright-core';

/**
 * Console errors, uncaught page errors and failed API answers (4xx/5xx) of the pages a journey
 * watches, so a test can end with `expect(errors.list()).toEqual([])`. A 401 is expected once per
 * signed-out page (the boot asks who is signed in, and the browser logs that answer itself).
 */
export class BrowserErrors {
  private readonly seen: string[] = [];

  watch(page: Page, who: string): Page {
    page.on('pageerror', (e) => this.seen.push(`[${who}] page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) this.seen.push(`[${who}] ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401)
        this.seen.push(`[${who}] ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    return page;
  }

  list(): string[] {
    return [...this.seen];
  }
}
