// Opens NocoBase in Chromium (playwright-core + Debian's /usr/bin/chromium) signed in as the root user
// and checks that the OKR Align client plugin loads, its settings page renders, and a classic page
// holding the alignment board block shows the demo data and accepts a link made by keyboard drag.
//   NOCOBASE_URL=http://127.0.0.1:13000 node adapters/nocobase/scripts/browser-check.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.NOCOBASE_URL ?? 'http://127.0.0.1:13000';
const account = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const password = process.env.NOCOBASE_PASSWORD ?? 'admin123';
const shots = process.env.SHOTS_DIR;

const res = await fetch(`${base}/api/auth:signIn`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
  body: JSON.stringify({ account, password }),
});
const { data } = await res.json();
if (!data?.token)
  throw new Error(`browser-check: sign-in to ${base} failed; check NOCOBASE_ACCOUNT/PASSWORD`);

const api = async (action, body) => {
  const r = await fetch(`${base}/api/${action}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok)
    throw new Error(`browser-check: ${action} answered ${r.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json.data;
};
const uid = () => Math.random().toString(36).slice(2, 13);

/** A classic (v1) page whose grid holds the alignment board block; returns the page's schema uid. */
async function createBoardPage() {
  const [pageSchemaUid, tabSchemaUid, tabSchemaName, menuSchemaUid] = [uid(), uid(), uid(), uid()];
  await api('desktopRoutes:create', {
    type: 'page',
    title: 'OKR alignment (e2e)',
    schemaUid: pageSchemaUid,
    menuSchemaUid,
    enableTabs: false,
    children: [{ type: 'tabs', schemaUid: tabSchemaUid, tabSchemaName, hidden: true }],
  });
  const block = {
    type: 'void',
    'x-decorator': 'CardItem',
    'x-component': 'OkrAlignmentBoardBlock',
    'x-settings': 'blockSettings:okrAlign',
    'x-toolbar': 'BlockSchemaToolbar',
  };
  await api('uiSchemas:insert', {
    type: 'void',
    'x-component': 'Page',
    'x-uid': pageSchemaUid,
    properties: {
      [tabSchemaName]: {
        type: 'void',
        'x-component': 'Grid',
        'x-initializer': 'page:addBlock',
        'x-uid': tabSchemaUid,
        'x-async': true,
        properties: {
          [uid()]: {
            type: 'void',
            'x-component': 'Grid.Row',
            properties: {
              [uid()]: { type: 'void', 'x-component': 'Grid.Col', properties: { [uid()]: block } },
            },
          },
        },
      },
    },
  });
  return pageSchemaUid;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const errors = [];
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  await context.addInitScript((token) => {
    localStorage.setItem('NOCOBASE_TOKEN', token);
    localStorage.setItem('NOCOBASE_AUTH', 'basic');
    localStorage.setItem('NOCOBASE_LOCALE', 'en-US');
  }, data.token);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const started = Date.now();
  await page.goto(`${base}/admin/settings/okr-align`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('okr-align-settings').waitFor({ timeout: 120_000 });
  console.log(JSON.stringify({ settingsPage: 'rendered', ms: Date.now() - started }));
  if (shots) await page.screenshot({ path: `${shots}/okr-align-settings.png` });

  // Start from the case-study demo, so there are unlinked KRs to link.
  const demo = JSON.parse(
    readFileSync(new URL('../../../host/demo/case-study.snapshot.json', import.meta.url), 'utf8'),
  );
  await api('okrAlign:importSnapshot', { snapshot: demo });
  const board = await api('okrAlign:board');
  const unlinked = board.snapshot.keyResults.find((kr) => kr.links.length === 0);
  if (!unlinked)
    throw new Error('browser-check: the demo data has no unlinked KR to link; import the demo snapshot');
  const pageUid = await createBoardPage();
  const t0 = Date.now();
  await page.goto(`${base}/admin/${pageUid}`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('alignment-board').waitFor({ timeout: 120_000 });
  const cards = await page.locator('[data-testid^="alignment-board-card-"]').count();
  console.log(JSON.stringify({ boardBlock: 'rendered', ms: Date.now() - t0, cardsVisible: cards }));
  if (shots) await page.screenshot({ path: `${shots}/okr-align-board.png`, fullPage: true });

  const handle = page.getByTestId(`alignment-board-handle-__unlinked__-${unlinked.id}`);
  // Keyboard drag (dnd-kit): pick up, one column left (the last objective), drop. On a busy machine the
  // first key can land before the board has settled after loading, so the drag is tried up to 3 times.
  for (let attempt = 1; ; attempt++) {
    await page.waitForLoadState('networkidle');
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    const saved = page.waitForResponse((r) => r.url().includes('okrAlign:saveLink'), { timeout: 15_000 });
    await page.keyboard.press('Space');
    try {
      await saved;
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  let linked = null;
  for (let i = 0; i < 30 && !linked; i++) {
    await page.waitForTimeout(500);
    const kr = (await api('okrAlign:snapshot')).keyResults.find((k) => k.id === unlinked.id);
    linked = kr.links[0] ?? null;
  }
  if (!linked) throw new Error(`browser-check: dragging ${unlinked.id} onto an objective saved no link`);
  console.log(JSON.stringify({ linkByKeyboard: 'saved', krId: unlinked.id, link: linked }));

  // The page designer offers our blocks: UI editor on, Add block, Other blocks, Alignment board.
  await page.getByTestId('ui-editor-button').click();
  await page.getByText('Add block', { exact: true }).last().hover();
  const item = page.getByRole('menuitem', { name: 'Alignment board' });
  await item.waitFor({ timeout: 30_000 });
  if (shots) await page.screenshot({ path: `${shots}/okr-align-add-block-menu.png` });
  // The menu opens on hover and may close while the mouse travels to the item: click it in place.
  await item.dispatchEvent('click');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="alignment-board"]').length >= 2,
    null,
    {
      timeout: 60_000,
    },
  );
  console.log(JSON.stringify({ addBlockMenu: 'inserted a second alignment board' }));
  if (shots) await page.screenshot({ path: `${shots}/okr-align-add-block.png`, fullPage: true });
} finally {
  await browser.close();
  const ours = errors.filter((e) => /okr|OKR/.test(e));
  console.log(JSON.stringify({ errors: errors.length, ours }));
}
