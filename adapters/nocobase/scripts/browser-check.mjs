// Opens NocoBase in Chromium (playwright-core + Debian's /usr/bin/chromium) signed in as the root user
// and checks that the OKR Align client plugin loads, its settings page renders (with HR's automation
// and rule editors, whose preview answers, and the group robots), a classic (v1) page
// holding the alignment board block shows the demo data and accepts a link made by keyboard drag, a
// modern (v2, flow-engine) page shows the board and saves a check-in through the check-in form block,
// and both page designers' "Add block" menus offer our blocks.
//   NOCOBASE_URL=http://127.0.0.1:13000 node adapters/nocobase/scripts/browser-check.mjs
import { readFileSync } from 'node:fs';
import { launchChromium } from '../../../test/chromium.mjs';
import { createClassicPage } from './classic-page.mjs';

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
/** Our blocks' titles in en-US, as both Add block menus list them. */
const OUR_BLOCK_TITLES = Object.entries(
  JSON.parse(readFileSync(new URL('../locale/en-US.json', import.meta.url), 'utf8')).blocks,
)
  .filter(([key]) => key !== 'group')
  .map(([, title]) => title);

/** A classic (v1) page holding the alignment board and the KR form block; returns the page's schema uid. */
async function createBoardPage() {
  const { pageSchemaUid } = await createClassicPage(api, 'OKR alignment (e2e)', [
    'OkrAlignmentBoardBlock',
    'OkrKeyResultFormBlock',
  ]);
  return pageSchemaUid;
}

/**
 * A modern (v2) page made with NocoBase's own page API (`flowSurfaces:createPage`: menu route, page,
 * tab and an empty block grid, as the "Modern page (v2)" menu item makes them), holding our blocks as
 * flow models in the grid, as "Add block" stores them. Returns the page's route uid.
 */
async function createModernPage(models) {
  const created = await api('flowSurfaces:createPage', {
    title: 'OKR alignment v2 (e2e)',
    icon: 'AimOutlined',
  });
  for (const use of models) {
    await api('flowModels:save', {
      uid: uid(),
      use,
      parentId: created.gridUid,
      subKey: 'items',
      subType: 'array',
      stepParams: {},
    });
  }
  return created.pageSchemaUid;
}

/** Turns the page designer on unless it is on already (the setting outlives page loads). */
async function designMode(page) {
  if ((await page.getByText('Add block', { exact: true }).count()) === 0)
    await page.getByTestId('ui-editor-button').click();
}

const browser = await launchChromium();
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
  await page.getByTestId('alignment-score').waitFor({ timeout: 60_000 });
  console.log(
    JSON.stringify({
      krFormBlock: 'rendered',
      liveScore: await page.getByTestId('alignment-score').getAttribute('data-score'),
    }),
  );
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

  // HR's automation editor and the admin's rule editor are tabs of the settings page, over the pack's actions.
  await page.goto(`${base}/admin/settings/okr-align`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('tab', { name: 'Automations', exact: true }).first().click();
  const previewButton = page.getByRole('button', { name: 'Preview the last 90 days' });
  await previewButton.waitFor({ timeout: 60_000 });
  const previewed = page.waitForResponse((r) => r.url().includes('okrAlign:previewAutomations'), {
    timeout: 30_000,
  });
  await previewButton.click();
  const preview = await previewed;
  if (!preview.ok()) throw new Error(`browser-check: the automations preview answered ${preview.status()}`);
  const { data: previewData } = await preview.json();
  await page.getByRole('tab', { name: 'Rules', exact: true }).first().click();
  await page.getByRole('button', { name: 'New rule' }).waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Group robots', exact: true }).first().click();
  await page.getByRole('button', { name: 'Add robot' }).first().waitFor({ timeout: 60_000 });
  console.log(
    JSON.stringify({
      editorTabs: 'rendered',
      previewEvents: previewData.events,
      previewRuns: previewData.runs,
    }),
  );
  if (shots) await page.screenshot({ path: `${shots}/okr-align-editors.png` });

  // Modern (v2) page: the same board as a flow model, and the check-in form block saving a check-in.
  const v2Uid = await createModernPage([
    'OkrAlignmentBoardBlockModel',
    'OkrCheckInFormBlockModel',
    'OkrKeyResultFormBlockModel',
  ]);
  const t1 = Date.now();
  await page.goto(`${base}/admin/${v2Uid}`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('alignment-board').waitFor({ timeout: 120_000 });
  const v2Cards = await page.locator('[data-testid^="alignment-board-card-"]').count();
  if (v2Cards === 0) throw new Error('browser-check: the board on the v2 page shows no KR cards');
  console.log(JSON.stringify({ v2BoardBlock: 'rendered', ms: Date.now() - t1, cardsVisible: v2Cards }));

  const form = page.getByTestId('okr-align-check-in-form');
  await form.waitFor({ timeout: 60_000 });
  const kr = board.snapshot.keyResults[0];
  const value = 1000 + Math.floor(Math.random() * 9000);
  const t2 = Date.now();
  const selects = form.locator('.ant-select');
  await selects.nth(1).click(); // 0 is the KR picker, 1 the month
  const month = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  const monthValue = await month.getAttribute('title');
  await month.click();
  const numbers = form.locator('input.ant-input-number-input');
  await numbers.nth(0).fill(String(value));
  await numbers.nth(1).fill('6');
  // The suggested colour is preselected; a different one would ask for a note.
  await form.getByTestId('colour-suggestion').waitFor({ timeout: 15_000 });
  const savedCheckIn = page.waitForResponse((r) => r.url().includes('okrAlign:saveCheckIn'), {
    timeout: 30_000,
  });
  await form.getByRole('button', { name: 'Submit' }).click();
  const response = await savedCheckIn;
  const outcome = form.getByTestId('okr-align-form-outcome');
  await outcome.waitFor({ timeout: 15_000 });
  if ((await outcome.getAttribute('data-kind')) !== 'saved')
    throw new Error(
      `browser-check: the check-in form did not save (${response.status()}): ${await outcome.textContent()}`,
    );
  const stored = (await api('okrAlign:snapshot')).checkIns.find(
    (c) => c.krId === kr.id && c.month === monthValue,
  );
  if (stored?.value !== value)
    throw new Error(
      `browser-check: the API does not return the check-in saved by the form (${kr.id} ${monthValue} = ${value}): ${JSON.stringify(stored)}`,
    );
  console.log(
    JSON.stringify({ checkInForm: 'saved', ms: Date.now() - t2, krId: kr.id, month: monthValue, value }),
  );
  if (shots) await page.screenshot({ path: `${shots}/okr-align-v2-page.png`, fullPage: true });

  // The key-result form meets a write made elsewhere: 409 shown with the current version, then saved.
  const krForm = page.getByTestId('okr-align-kr-form');
  await krForm.waitFor({ timeout: 60_000 });
  const t3 = Date.now();
  const before = (await api('okrAlign:snapshot')).keyResults.find((k) => k.id === kr.id);
  const elsewhere = await api('okrAlign:updateKeyResult', {
    id: kr.id,
    version: before.version,
    evidence: `edited elsewhere ${t3}`,
  });
  await krForm.locator('textarea').last().fill('edited in the form');
  const refused = page.waitForResponse((r) => r.url().includes('okrAlign:updateKeyResult'), {
    timeout: 30_000,
  });
  await krForm.getByRole('button', { name: 'Submit' }).click();
  const refusedStatus = (await refused).status();
  const krOutcome = krForm.getByTestId('okr-align-form-outcome');
  await krOutcome.waitFor({ timeout: 15_000 });
  const staleText = await krOutcome.textContent();
  if (refusedStatus !== 409 || (await krOutcome.getAttribute('data-kind')) !== 'stale')
    throw new Error(`browser-check: a stale KR save answered ${refusedStatus} and showed "${staleText}"`);
  if (!staleText?.includes(`current version ${elsewhere.version}`))
    throw new Error(
      `browser-check: the stale message does not name version ${elsewhere.version}: ${staleText}`,
    );
  if (shots) await page.screenshot({ path: `${shots}/okr-align-v2-kr-stale.png` });
  await krOutcome.getByRole('button', { name: 'Load current version' }).click();
  await krForm.locator('textarea').last().waitFor();
  await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('[data-testid="okr-align-kr-form"] textarea')].some(
        (t) => t.value === text,
      ),
    `edited elsewhere ${t3}`,
    { timeout: 30_000 },
  );
  const accepted = page.waitForResponse((r) => r.url().includes('okrAlign:updateKeyResult'), {
    timeout: 30_000,
  });
  await krForm.getByRole('button', { name: 'Submit' }).click();
  const acceptedStatus = (await accepted).status();
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="okr-align-kr-form"] [data-testid="okr-align-form-outcome"]')
        ?.getAttribute('data-kind') === 'saved',
    null,
    { timeout: 15_000 },
  );
  const after = (await api('okrAlign:snapshot')).keyResults.find((k) => k.id === kr.id);
  if (acceptedStatus !== 200 || after.version !== elsewhere.version + 1)
    throw new Error(
      `browser-check: the reloaded KR form did not save (${acceptedStatus}, version ${after.version})`,
    );
  console.log(
    JSON.stringify({
      krFormStale: 'shown',
      message: staleText,
      thenSaved: { version: after.version },
      ms: Date.now() - t3,
    }),
  );

  // The v2 page designer's Add block menu (flow engine) offers our blocks and inserts one.
  await designMode(page);
  await page.getByTestId('alignment-board').first().waitFor();
  const v2Item = page.getByRole('menuitem', { name: 'Alignment board' });
  const boards = () => page.locator('[data-testid="alignment-board"]').count();
  const boardsBefore = await boards();
  let v2Offered = [];
  // The flow engine's menu opens while the mouse rests on the button (it closes 0.3 s after the mouse
  // leaves) and fills in once the block classes are listed: scroll first, then hover, then pick the item
  // without moving the mouse. Tried up to 3 times on a busy machine.
  const addButton = page.locator('[data-flow-add-block]').last();
  for (let attempt = 1; ; attempt++) {
    try {
      await addButton.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await addButton.hover();
      await v2Item.waitFor({ timeout: 10_000 });
      v2Offered = await page.getByRole('menuitem').allInnerTexts();
      await v2Item.dispatchEvent('click', undefined, { timeout: 5_000 });
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="alignment-board"]').length > n,
        boardsBefore,
        {
          timeout: 30_000,
        },
      );
      break;
    } catch (error) {
      if (shots) await page.screenshot({ path: `${shots}/okr-align-v2-add-block-${attempt}.png` });
      if (attempt === 3 || (await boards()) > boardsBefore) throw error;
      await page.mouse.move(0, 0);
    }
  }
  console.log(
    JSON.stringify({
      v2AddBlockMenu: 'inserted a second alignment board',
      offered: v2Offered.filter((t) => OUR_BLOCK_TITLES.includes(t)),
    }),
  );

  // The escalation block (v2): an open escalation, listed first, resolved through the pack's form.
  const raised = await api('okrAlign:raiseEscalation', {
    krId: board.snapshot.keyResults[0].id,
    month: board.snapshot.cycle.end.slice(0, 7),
    reason: 'blocker',
    detail: 'browser-check',
  });
  const escUid = await createModernPage(['OkrEscalationFormBlockModel']);
  const t4 = Date.now();
  await page.goto(`${base}/admin/${escUid}`, { waitUntil: 'domcontentloaded' });
  const escForm = page.getByTestId('okr-align-escalation-form');
  await escForm.waitFor({ timeout: 120_000 });
  await escForm.locator('textarea').last().fill('browser-check resolved');
  const resolvedResponse = page.waitForResponse((r) => r.url().includes('okrAlign:resolveEscalation'), {
    timeout: 30_000,
  });
  await escForm.getByRole('button', { name: 'Submit' }).click();
  const resolvedStatus = (await resolvedResponse).status();
  const resolvedEsc = (await api('okrAlign:snapshot')).escalations.find((e) => e.id === raised.id);
  if (
    resolvedStatus !== 200 ||
    resolvedEsc?.resolution !== 'browser-check resolved' ||
    !resolvedEsc.resolvedAt
  )
    throw new Error(
      `browser-check: the escalation form did not resolve ${raised.id} (${resolvedStatus}): ${JSON.stringify(resolvedEsc)}`,
    );
  console.log(
    JSON.stringify({ escalationForm: 'resolved', ms: Date.now() - t4, resolvedAt: resolvedEsc.resolvedAt }),
  );

  // The pool-run block (v2): HR computes the draft of a quarter without a run (the newest, picked first).
  const poolQuarter = '2026-Q2';
  const noPoolRun = encodeURIComponent(JSON.stringify({ quarter: poolQuarter }));
  await api(`okr_pool_runs:destroy?filter=${noPoolRun}`, {});
  const poolUid = await createModernPage(['OkrPoolRunBlockModel']);
  const t5 = Date.now();
  await page.goto(`${base}/admin/${poolUid}`, { waitUntil: 'domcontentloaded' });
  const poolBlock = page.getByTestId('okr-align-pool-run');
  await poolBlock.waitFor({ timeout: 120_000 });
  const computed = page.waitForResponse((r) => r.url().includes('okrAlign:computePoolRun'), {
    timeout: 60_000,
  });
  await poolBlock.getByTestId('okr-align-pool-run-compute').click();
  const computedResponse = await computed;
  await poolBlock.locator('[data-testid="okr-align-pool-run-state"][data-state="draft"]').waitFor({
    timeout: 30_000,
  });
  const poolRuns = await api('okrAlign:poolRuns', { quarter: poolQuarter });
  if (computedResponse.status() !== 200 || poolRuns.length !== 1 || poolRuns[0].state !== 'draft')
    throw new Error(
      `browser-check: the pool-run block did not compute ${poolQuarter} (${computedResponse.status()}): ${JSON.stringify(poolRuns).slice(0, 300)}`,
    );
  console.log(
    JSON.stringify({
      poolRunBlock: 'computed a draft',
      ms: Date.now() - t5,
      quarter: poolRuns[0].quarter,
      poolCents: poolRuns[0].poolCents,
      statements: poolRuns[0].result.statements.length,
    }),
  );
  if (shots) await page.screenshot({ path: `${shots}/okr-align-v2-pool-run.png`, fullPage: true });
  await api(`okr_pool_runs:destroy?filter=${noPoolRun}`, {});

  // The classic page designer offers our blocks: UI editor on, Add block, Other blocks, Alignment board.
  await page.goto(`${base}/admin/${pageUid}`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('alignment-board').waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  await designMode(page);
  await page.getByText('Add block', { exact: true }).last().hover();
  const item = page.getByRole('menuitem', { name: 'Alignment board' });
  await item.waitFor({ timeout: 30_000 });
  const v1Offered = await page.getByRole('menuitem').allInnerTexts();
  const missing = OUR_BLOCK_TITLES.filter((t) => !v1Offered.includes(t));
  if (missing.length) throw new Error(`browser-check: the v1 Add block menu lacks ${missing.join(', ')}`);
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
  console.log(
    JSON.stringify({ addBlockMenu: 'inserted a second alignment board', offered: OUR_BLOCK_TITLES }),
  );
  if (shots) await page.screenshot({ path: `${shots}/okr-align-add-block.png`, fullPage: true });
} finally {
  await browser.close();
  const ours = errors.filter((e) => /okr|OKR/.test(e));
  console.log(JSON.stringify({ errors: errors.length, ours, first: errors.slice(0, 3) }));
}
