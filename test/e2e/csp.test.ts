import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { NAV_ITEMS } from '../../host/web/app/navigation.ts';
import { api, fetchInPage } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { shown } from './harness/wait.ts';

// Issue #15, headers and cross-site writes in a real browser: every signed-in page renders under the
// server's Content-Security-Policy without one violation or console error, the shell's own writes
// pass the origin check, and a page on another origin can neither write with the user's cookie nor
// frame the product.
const CSP_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i;
// The attacker's page is refused on purpose: its CSP reports are what the test expects.
const journey = defineJourney({ allowConsole: [CSP_MESSAGE] });

/**
 * CSP violations (the browser's event and its console message) and page errors of a page, as they
 * happen. Other console errors (React warnings, a 404) belong to the pages' own journeys.
 */
async function watch(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (CSP_MESSAGE.test(m.text())) problems.push(`[${label}] ${page.url()} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`[${label}] ${page.url()} page error: ${e.message}`));
  await page.exposeFunction('__cspViolation', (what: string) =>
    problems.push(`[${label}] ${page.url()} CSP: ${what}`),
  );
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(s: string): void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return problems;
}

/** A page of another origin (same site: 127.0.0.1 on another port, so SameSite=Lax cookies still go along). */
async function foreignSite(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test.each([
  ['zhoulei', 'admin'],
  ['zhaomin', 'sales'],
] as const)('every page of %s (%s) renders with zero CSP violations and page errors', async (login, role) => {
  const { page } = await journey.signIn(login);
  const problems = await watch(page, login);
  const pages = NAV_ITEMS.filter((item) => (item.roles as readonly string[]).includes(role));
  expect(pages.length).toBeGreaterThan(4);
  for (const item of pages) {
    await page.goto(item.path);
    await shown(page.getByTestId(`nav-${item.key}`));
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);
});

test("the shell's own writes pass; a foreign page's write with the user's cookie changes nothing", async () => {
  // A rep the rules leave unread notifications for.
  const { context, page } = await journey.signIn('zhengkai', 'rep');
  const problems = await watch(page, 'rep');
  await page.goto('/notifications');
  await shown(page.getByTestId('nav-notifications'));
  const hr = (await journey.signIn('linxue', 'hr')).context;
  await api(hr.request, 'POST', '/api/rules/run');
  const unread = async () =>
    (await api<{ unread: number }>(context.request, 'GET', '/api/notifications/unread-count')).unread;
  const before = await unread();
  expect(before).toBeGreaterThan(0);

  const foreign = await foreignSite(`<!doctype html><script>
    fetch(${JSON.stringify(`${journey.server.url}/api/notifications/read-all`)}, {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body: '{}',
    }).finally(() => { document.title = 'sent'; });
  </script>`);
  try {
    const attacker = await context.newPage();
    await attacker.goto(foreign.url);
    await expect.poll(() => attacker.title()).toBe('sent');
    expect(await unread()).toBe(before);
    await attacker.close();
  } finally {
    foreign.server.close();
  }

  const own = await fetchInPage<{ ok: boolean; marked: number }>(page, 'POST', '/api/notifications/read-all');
  expect(own.status).toBe(200);
  expect(own.body.marked).toBe(before);
  expect(await unread()).toBe(0);
  expect(problems).toEqual([]);
});

test('another site cannot frame the signed-in product', async () => {
  const { context } = await journey.signIn('zhaomin', 'framed');
  const foreign = await foreignSite(
    `<!doctype html><iframe id="victim" src="${journey.server.url}/kickoff" width="800" height="600"></iframe>`,
  );
  try {
    const attacker = await context.newPage();
    const refused: string[] = [];
    attacker.on('console', (m) => refused.push(m.text()));
    await attacker.goto(foreign.url);
    await expect.poll(() => refused.some((t) => /frame-ancestors/.test(t))).toBe(true);
    const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
    expect(await frame?.locator('[data-testid^="nav-"]').count()).toBe(0);
    await attacker.close();
  } finally {
    foreign.server.close();
  }
});
