// The live alignment board in NocoBase: two signed-in users (root and a sales rep mapped to a person)
// open the same classic page with the board block in two browser contexts (playwright-core + Debian's
// /usr/bin/chromium). Root links the rep's KR, moves it to another Objective, the rep unlinks it; each
// change must reach the other screen over NocoBase's WebSocket without a reload, with the delay measured.
// Then each sees the other in presence, and the rep's screen catches up after its socket is dropped.
//   NOCOBASE_URL=http://127.0.0.1:13000 node adapters/nocobase/scripts/browser-check-live.mjs
import { readFileSync } from 'node:fs';
import { launchChromium } from '../../../test/chromium.mjs';
import { createClassicPage } from './classic-page.mjs';

const base = process.env.NOCOBASE_URL ?? 'http://127.0.0.1:13000';
const account = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const password = process.env.NOCOBASE_PASSWORD ?? 'admin123';
const shots = process.env.SHOTS_DIR;
/** A change must reach the other screen within this time (ms) to count as live. */
const LIVE_WITHIN_MS = Number(process.env.LIVE_WITHIN_MS ?? 3000);
const REP_PASSWORD = 'okr-live-pass';

const signIn = async (who, secret) => {
  const res = await fetch(`${base}/api/auth:signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
    body: JSON.stringify({ account: who, password: secret }),
  });
  const token = (await res.json()).data?.token;
  if (!token) throw new Error(`browser-check-live: sign-in of ${who} to ${base} failed`);
  return token;
};
const rootToken = await signIn(account, password);

const api = async (action, body, token = rootToken) => {
  const r = await fetch(`${base}/api/${action}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok)
    throw new Error(
      `browser-check-live: ${action} answered ${r.status}: ${JSON.stringify(json).slice(0, 300)}`,
    );
  return json.data;
};

/** A classic (v1) page holding the alignment board block, and the ids of its menu route and tab. */
async function createBoardPage() {
  const { pageSchemaUid, routeId } = await createClassicPage(api, 'OKR live board (e2e)', [
    'OkrAlignmentBoardBlock',
  ]);
  const routes = await api(
    `desktopRoutes:list?paginate=false&filter=${encodeURIComponent(JSON.stringify({ $or: [{ id: routeId }, { parentId: routeId }] }))}`,
  );
  return { pageSchemaUid, routeIds: routes.map((r) => r.id) };
}

/** A NocoBase user with the pack's sales role, connected to `person` through `okr_people.userId`. */
async function salesUser(person) {
  const username = `okr_live_${person.id.replace(/[^a-z0-9]/gi, '_')}`;
  const filter = encodeURIComponent(JSON.stringify({ username }));
  const existing = (await api(`users:list?filter=${filter}`))[0];
  const user =
    existing ??
    (await api('users:create', {
      username,
      nickname: person.name,
      password: REP_PASSWORD,
      roles: ['okr_sales'],
    }));
  await api(`okr_people:update?filterByTk=${encodeURIComponent(person.id)}`, { userId: user.id });
  return { username, token: await signIn(username, REP_PASSWORD) };
}

// Start from the case-study demo: a rep with an unlinked KR of their own.
const demo = JSON.parse(
  readFileSync(new URL('../../../host/demo/case-study.snapshot.json', import.meta.url), 'utf8'),
);
await api('okrAlign:importSnapshot', { snapshot: demo });
const board = await api('okrAlign:board');
const objectives = board.snapshot.objectives;
const people = new Map(board.snapshot.people.map((p) => [p.id, p]));
const own = board.snapshot.keyResults.filter(
  (kr) => kr.ownerType === 'person' && kr.links.length === 0 && people.get(kr.ownerId)?.role === 'sales',
);
const kr = own[0];
// Step 4 links a second KR of the same rep (a rep's board holds only their own KRs), not yet on `target`.
const target = objectives[0]?.id;
const other = board.snapshot.keyResults.find(
  (k) => k.ownerId === kr?.ownerId && k.id !== kr?.id && !k.links.some((l) => l.objectiveId === target),
);
if (!kr || !other || objectives.length < 2)
  throw new Error('browser-check-live: the demo has no unlinked KR of a sales rep; import the demo snapshot');
const rep = people.get(kr.ownerId);
const repUser = await salesUser(rep);
const { pageSchemaUid, routeIds } = await createBoardPage();
await api('roles/okr_sales/desktopRoutes:add', routeIds);

// Keyboard drags move one column at a time from the unlinked tray (last column) to the left.
const last = objectives.at(-1).id;
const beforeLast = objectives.at(-2).id;
const card = (columnId, krId = kr.id) => `alignment-board-card-${columnId}-${krId}`;

const browser = await launchChromium();
const errors = [];
const results = { krId: kr.id, rep: rep.name, delays: {} };

async function openBoard(token, name) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1500, height: 950 } });
  await context.addInitScript((t) => {
    localStorage.setItem('NOCOBASE_TOKEN', t);
    localStorage.setItem('NOCOBASE_AUTH', 'basic');
    localStorage.setItem('NOCOBASE_LOCALE', 'en-US');
    // Keep the page's WebSockets reachable, so the check can drop NocoBase's socket like a network cut.
    const Native = window.WebSocket;
    window.__sockets = [];
    // While `__wsBlocked`, new sockets go nowhere, so the page stays offline until the check lets it back.
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(window.__wsBlocked ? 'ws://127.0.0.1:9/ws' : url, protocols);
        window.__sockets.push(this);
      }
    };
  }, token);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${name} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name} console: ${m.text()}`);
  });
  const boardLoads = [];
  page.on('request', (r) => {
    if (r.url().includes('okrAlign:board')) boardLoads.push(Date.now());
  });
  const t0 = Date.now();
  await page.goto(`${base}/admin/${pageSchemaUid}`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('alignment-board').waitFor({ timeout: 180_000 });
  await page
    .locator('[data-testid="okr-align-live-status"][data-status="live"]')
    .waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  console.log(JSON.stringify({ [name]: 'board live', ms: Date.now() - t0 }));
  return { context, page, boardLoads };
}

/** Resolves with the page's clock (ms since epoch) when the element is there (or gone) — no polling. */
const when = (page, testId, present = true, timeout = 20_000) =>
  page.evaluate(
    ({ testId, present, timeout }) =>
      new Promise((resolve, reject) => {
        const there = () => Boolean(document.querySelector(`[data-testid="${testId}"]`)) === present;
        if (there()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!there()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${testId} ${present ? 'did not appear' : 'did not go'} within ${timeout} ms`));
        }, timeout);
      }),
    { testId, present, timeout },
  );

/** The page's clock when its request to `action` started (Resource Timing, same clock as `when`). */
const requestStart = (page, action) =>
  page.evaluate((a) => {
    const entry = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes(a))
      .at(-1);
    return entry ? Math.round(performance.timeOrigin + entry.startTime) : null;
  }, action);

/** Keyboard drag with dnd-kit: pick up the handle, `steps` columns left, drop; waits for the write. */
async function keyboardDrag(page, handleTestId, steps, action) {
  const handle = page.getByTestId(handleTestId);
  for (let attempt = 1; ; attempt++) {
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    for (let i = 0; i < steps; i++) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(300);
    }
    const saved = page.waitForResponse((r) => r.url().includes(action), { timeout: 15_000 });
    await page.keyboard.press('Space');
    try {
      return await saved;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Cards in a column, from its count line (`N KRs…`). */
const countIn = async (page, columnId) =>
  Number((await page.getByTestId(`alignment-board-count-${columnId}`).textContent()).match(/\d+/)?.[0]);
const countReaches = (page, columnId, n, timeout = 20_000) =>
  page.waitForFunction(
    ([id, want]) =>
      Number(
        document.querySelector(`[data-testid="alignment-board-count-${id}"]`)?.textContent.match(/\d+/)?.[0],
      ) === want,
    [columnId, n],
    { timeout },
  );
const repInPresence = (page, state = 'visible') =>
  page
    .getByTestId('alignment-board-presence')
    .getByLabel(rep.name, { exact: true })
    .waitFor({ state, timeout: 15_000 });

/** Drops the page's NocoBase socket like a network cut, and keeps it down until `restoreSocket`. */
async function cutSocket(page) {
  await page.evaluate(() => {
    window.__wsBlocked = true;
    for (const s of window.__sockets) if (s.url.includes('/ws')) s.close();
  });
  await page
    .locator('[data-testid="okr-align-live-status"][data-status="offline"]')
    .waitFor({ timeout: 5_000 });
}

/** Lets the page's socket reconnect; resolves once the board is live again. */
async function restoreSocket(page) {
  await page.evaluate(() => {
    window.__wsBlocked = false;
  });
  await page
    .locator('[data-testid="okr-align-live-status"][data-status="live"]')
    .waitFor({ timeout: 30_000 });
}

const delay = (label, writerPage, action, writerSeen, otherSeen) =>
  requestStart(writerPage, action).then((start) => {
    results.delays[label] = {
      writerScreenMs: start ? writerSeen - start : null,
      otherScreenMs: start ? otherSeen - start : null,
      otherAfterWriterMs: otherSeen - writerSeen,
    };
    console.log(JSON.stringify({ [label]: results.delays[label] }));
    if (otherSeen - (start ?? writerSeen) > LIVE_WITHIN_MS)
      throw new Error(
        `browser-check-live: ${label} reached the other screen after more than ${LIVE_WITHIN_MS} ms`,
      );
  });

try {
  const [a, b] = await Promise.all([openBoard(rootToken, 'root'), openBoard(repUser.token, 'rep')]);
  const loadsBefore = b.boardLoads.length;

  // Presence: each screen shows the other user.
  await a.page
    .getByTestId('alignment-board-presence')
    .getByLabel(rep.name, { exact: true })
    .waitFor({ timeout: 10_000 });
  await b.page.getByTestId('alignment-board-presence').getByLabel('Super Admin').waitFor({ timeout: 10_000 });
  results.presence = {
    root: await a.page.getByTestId('alignment-board-presence').getAttribute('aria-label'),
    rep: await b.page.getByTestId('alignment-board-presence').getAttribute('aria-label'),
  };
  console.log(JSON.stringify({ presence: results.presence }));

  // 1. Root links the rep's KR (tray → last Objective); the rep's screen shows it there.
  let writer = when(a.page, card(last));
  let seen = when(b.page, card(last));
  await keyboardDrag(a.page, `alignment-board-handle-__unlinked__-${kr.id}`, 1, 'okrAlign:saveLink');
  await delay('link', a.page, 'okrAlign:saveLink', await writer, await seen);
  await when(b.page, card('__unlinked__'), false);
  if (shots) await b.page.screenshot({ path: `${shots}/okr-align-live-linked.png`, fullPage: true });

  // 2. Root moves it to the Objective before (unlink + link); the rep's screen follows.
  writer = when(a.page, card(beforeLast));
  seen = when(b.page, card(beforeLast));
  const gone = when(b.page, card(last), false);
  await keyboardDrag(a.page, `alignment-board-handle-${last}-${kr.id}`, 1, 'okrAlign:saveLink');
  await delay('move', a.page, 'okrAlign:saveLink', await writer, await seen);
  await gone;

  // 3. The rep unlinks it (the card's unlink button); it returns to the unlinked tray on both screens.
  writer = when(b.page, card('__unlinked__'));
  seen = when(a.page, card('__unlinked__'));
  const removed = b.page.waitForResponse(
    (r) => r.url().includes('okrAlign:deleteLink') && r.status() === 200,
  );
  await b.page.getByTestId(`alignment-board-unlink-${beforeLast}-${kr.id}`).click();
  await removed;
  await delay('unlink', b.page, 'okrAlign:deleteLink', await writer, await seen);
  await when(a.page, card(beforeLast), false);

  const sameDocument = await b.page.evaluate(() => window.__sameDocument === true);
  results.repScreen = { sameDocument, boardReloads: b.boardLoads.length - loadsBefore };
  console.log(JSON.stringify({ repScreen: results.repScreen }));
  if (!sameDocument || results.repScreen.boardReloads !== 0)
    throw new Error('browser-check-live: the rep screen reloaded instead of applying the changes');

  // 4. The rep's socket drops and stays down while root links another of their KRs; once the socket is back the
  // rep's board joins again and shows that link. Counts, not cards: columns mount only the cards in view.
  // Each screen counts the KRs it may read: root all of them, the rep only their own.
  const rootBefore = await countIn(a.page, target);
  const repBefore = await countIn(b.page, target);
  const dropped = Date.now();
  await cutSocket(b.page);
  await repInPresence(a.page, 'detached');
  await api('okrAlign:saveLink', { krId: other.id, objectiveId: target, weight: 100 });
  await countReaches(a.page, target, rootBefore + 1);
  const missed = (await countIn(b.page, target)) === repBefore;
  await restoreSocket(b.page);
  await countReaches(b.page, target, repBefore + 1);
  await repInPresence(a.page);
  if (!missed) throw new Error('browser-check-live: the rep screen changed while its socket was down');
  results.reconnect = { caughtUpMs: Date.now() - dropped };
  console.log(JSON.stringify({ reconnect: results.reconnect }));
  if (shots) await a.page.screenshot({ path: `${shots}/okr-align-live-root.png`, fullPage: true });

  // 5. A stale unlink: the rep's socket is down while root changes the link's weight (row version 2); the
  // rep's unlink at version 1 is refused (409), the rep is told and its board reloads. Unlinking again,
  // from the reloaded board (no link versions in it), removes the link at its current version.
  const linked = when(b.page, card(last));
  await api('okrAlign:saveLink', { krId: kr.id, objectiveId: last, weight: 100 });
  await linked;
  await cutSocket(b.page);
  await api('okrAlign:saveLink', { krId: kr.id, objectiveId: last, weight: 50, version: 1 });
  const refused = b.page.waitForResponse((r) => r.url().includes('okrAlign:deleteLink'));
  await b.page.getByTestId(`alignment-board-unlink-${last}-${kr.id}`).click();
  const refusedStatus = (await refused).status();
  await b.page
    .locator('[data-testid="okr-align-live-notice"][data-kind="stale"]')
    .waitFor({ timeout: 10_000 });
  const notice = await b.page.getByTestId('okr-align-live-notice').first().textContent();
  await b.page.getByTestId(card(last)).waitFor({ timeout: 10_000 });
  await restoreSocket(b.page);
  const backInTray = when(a.page, card('__unlinked__'));
  const removedAgain = b.page.waitForResponse(
    (r) => r.url().includes('okrAlign:deleteLink') && r.status() === 200,
    { timeout: 15_000 },
  );
  await b.page.getByTestId(`alignment-board-unlink-${last}-${kr.id}`).click();
  await removedAgain;
  await backInTray;
  results.stale = { status: refusedStatus, notice };
  console.log(JSON.stringify({ stale: results.stale }));
  if (refusedStatus !== 409) throw new Error(`browser-check-live: a stale unlink answered ${refusedStatus}`);

  // 6. The rep leaves: root's presence no longer shows them.
  await b.context.close();
  await repInPresence(a.page, 'detached');
  console.log(
    JSON.stringify({
      presenceAfterLeave: await a.page.getByTestId('alignment-board-presence').getAttribute('aria-label'),
    }),
  );
} finally {
  await api('okrAlign:deleteLink', {
    krId: other.id,
    objectiveId: target,
    version: 1,
  }).catch(() => undefined);
  await browser.close();
  const ours = errors.filter((e) => /okr|OKR/.test(e));
  console.log(JSON.stringify({ errors: errors.length, ours, sample: errors.slice(0, 5) }));
}
console.log(JSON.stringify({ result: 'ok', ...results }));
