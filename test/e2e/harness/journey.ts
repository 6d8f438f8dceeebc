import { DEMO_PASSWORD } from '../../../host/demo/case-study-people.ts';
import {
  type Browser,
  type BrowserContext,
  launchBrowser,
  type Page,
  PageTracker,
  signedInContext,
} from './browser.ts';
import { type RunningServer, type ServerOptions, startServer } from './server.ts';

/** What a journey file works with: its own server and browser, and helpers to sign people in. */
export interface Journey {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new context signed in as a demo login, with one page tracked for failure screenshots. */
  signIn(login: string, label?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh, signed-out context with one tracked page. */
  anonymous(label: string): Promise<{ context: BrowserContext; page: Page }>;
  track(label: string, page: Page): Page;
}

export interface JourneyOptions extends ServerOptions {
  /** Console errors a journey provokes on purpose (a refused address, a blocked attack). */
  allowConsole?: readonly RegExp[];
}

/**
 * Registers the hooks of one journey file: starts a server with a fresh data folder and a browser
 * before the tests, keeps screenshots of every open page when a test fails, stops both after. A test
 * fails when a tracked page logged a console error or threw an uncaught error.
 */
export function defineJourney(options: JourneyOptions = {}): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let tracker = new PageTracker();
  const contexts: BrowserContext[] = [];

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`e2e: ${what} is not started; did beforeAll fail?`);
    return value;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });

  afterEach(async (ctx) => {
    const allowed = options.allowConsole ?? [];
    const errors = tracker
      .browserEvents()
      .filter((e) => / (page error|console error): /.test(e) && !allowed.some((re) => re.test(e)));
    if (ctx.task.result?.state !== 'fail' && errors.length > 0) {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
      tracker = new PageTracker();
      throw new Error(`e2e: the browser reported errors:\n  ${errors.join('\n  ')}`);
    }
    if (ctx.task.result?.state === 'fail') {
      const shots = await tracker.screenshotAll(ctx.task.name);
      if (shots.length) process.stderr.write(`e2e: screenshots kept:\n  ${shots.join('\n  ')}\n`);
      const events = tracker.browserEvents();
      if (events.length) process.stderr.write(`e2e: browser events:\n  ${events.slice(-40).join('\n  ')}\n`);
      if (server) {
        process.stderr.write(`e2e: server ${server.state()}, its output:\n${server.output().slice(-4000)}\n`);
      }
    }
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    tracker = new PageTracker();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  const journey: Journey = {
    get server() {
      return need(server, 'the server');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    async signIn(login, label = login) {
      const context = await signedInContext(journey.browser, journey.server.url, login, DEMO_PASSWORD);
      contexts.push(context);
      const page = tracker.track(label, await context.newPage());
      return { context, page };
    },
    async anonymous(label) {
      const context = await journey.browser.newContext({
        baseURL: journey.server.url,
        locale: 'zh-CN',
        viewport: { width: 1400, height: 900 },
      });
      contexts.push(context);
      return { context, page: tracker.track(label, await context.newPage()) };
    },
    track(label, page) {
      return tracker.track(label, page);
    },
  };
  return journey;
}
