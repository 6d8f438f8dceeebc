import { personIdOf } from '../../host/demo/case-study-people.ts';
import { api, fetchInPage } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { countIs, shown } from './harness/wait.ts';

// Journey 6: a rep's browser cannot open another rep's statement or the settings page, neither
// through the shell's URLs nor by calling the API from the page.
// A rep (and a stranger) reaching for others' pages is refused: those 401s and 403s are the point.
const journey = defineJourney({ allowConsole: [/status of 40[13] /] });

const REP = 'zhaomin';
const OTHER_REP = 'sunhao'; // same region, so a region rule would be the only thing in the way
const QUARTER = '2026-Q1';

interface PoolRunView {
  id: string;
  version: number;
  state: string;
  result: { allocations: { personId: string; cents: number }[] } | null;
}

test('a rep sees only their own statement and cannot reach settings, by URL or API', async () => {
  // HR releases a quarter's pool (so statements exist) and leaves another quarter in draft.
  const { context: hr } = await journey.signIn('linxue', 'hr');
  let run = await api<PoolRunView>(hr.request, 'POST', '/api/pool-runs', { quarter: QUARTER });
  run = await api<PoolRunView>(hr.request, 'POST', `/api/pool-runs/${run.id}/compute`, {
    version: run.version,
  });
  run = await api<PoolRunView>(hr.request, 'POST', `/api/pool-runs/${run.id}/approve`, {
    version: run.version,
  });
  run = await api<PoolRunView>(hr.request, 'POST', `/api/pool-runs/${run.id}/release`, {
    version: run.version,
  });
  const allocated = new Set(run.result?.allocations.map((a) => a.personId));
  expect(allocated.has(personIdOf(REP))).toBe(true);
  expect(allocated.has(personIdOf(OTHER_REP))).toBe(true);
  const draft = await api<PoolRunView>(hr.request, 'POST', '/api/pool-runs', { quarter: '2026-Q2' });

  const { page } = await journey.signIn(REP, 'rep');

  // By URL: the settings, forms and audit pages answer "no access"; the menu does not offer them.
  for (const path of ['/settings', '/forms', '/audit']) {
    await page.goto(path);
    await shown(page.getByText('无权访问'));
    await countIs(page.getByText('阈值与权重', { exact: true }), 0);
  }
  await shown(page.getByTestId('nav-pool'));
  await countIs(page.getByTestId('nav-settings'), 0);

  // The pool page shows the rep's own statement of the released run, nobody else's.
  await page.goto('/pool');
  await shown(page.getByText('我的奖金说明'));
  await shown(page.getByTestId(`pool-statement-${personIdOf(REP)}`));
  await countIs(page.locator('[data-testid^="pool-statement-"]'), 1);
  await countIs(page.getByTestId(`pool-statement-${personIdOf(OTHER_REP)}`), 0);
  await countIs(page.getByTestId('pool-allocation'), 0);

  // By API from the same page: settings writes and history, audit, raw reviews and drafts are 403.
  const forbidden: [string, string, unknown?][] = [
    ['GET', '/api/settings/versions'],
    ['POST', '/api/settings/proposals', { settings: {}, reason: 'e2e: a rep tries' }],
    ['POST', '/api/settings/rollback', { toVersion: 1, reason: 'e2e: a rep tries' }],
    ['GET', '/api/audit'],
    ['GET', '/api/peer-reviews'],
    ['GET', `/api/pool-runs/${draft.id}`],
    ['GET', `/api/pool-runs/${draft.id}/statements`],
    ['POST', `/api/pool-runs/${run.id}/lock`, { version: run.version }],
    ['PUT', '/api/form-overlays/check-in', { overlay: {} }],
  ];
  for (const [method, path, body] of forbidden) {
    const reply = await fetchInPage(page, method, path, body);
    expect({ call: `${method} ${path}`, status: reply.status }).toEqual({
      call: `${method} ${path}`,
      status: 403,
    });
  }

  // Reading a released run gives the rep's own numbers only.
  const statements = await fetchInPage<{ personId: string }[]>(
    page,
    'GET',
    `/api/pool-runs/${run.id}/statements`,
  );
  expect(statements.status).toBe(200);
  expect(statements.body.map((s) => s.personId)).toEqual([personIdOf(REP)]);
  const view = await fetchInPage<PoolRunView>(page, 'GET', `/api/pool-runs/${run.id}`);
  expect(view.status).toBe(200);
  expect(view.body.result?.allocations.map((a) => a.personId)).toEqual([personIdOf(REP)]);
  const mine = await fetchInPage<{ statement: { personId: string } }[]>(page, 'GET', '/api/statements/mine');
  expect(mine.body.map((m) => m.statement.personId)).toEqual([personIdOf(REP)]);

  // Another rep's key results are refused one by one and left out of lists.
  const otherKrs = await api<{ id: string }[]>(
    hr.request,
    'GET',
    `/api/key-results?ownerId=${personIdOf(OTHER_REP)}`,
  );
  expect(otherKrs.length).toBeGreaterThan(0);
  const otherKr = await fetchInPage(page, 'GET', `/api/key-results/${otherKrs[0]?.id}`);
  expect(otherKr.status).toBe(403);
  const listed = await fetchInPage<unknown[]>(
    page,
    'GET',
    `/api/key-results?ownerId=${personIdOf(OTHER_REP)}`,
  );
  expect(listed.body).toEqual([]);

  // Signed out, the same calls are 401, not data.
  const { page: stranger } = await journey.anonymous('stranger');
  await stranger.goto('/');
  expect((await fetchInPage(stranger, 'GET', `/api/pool-runs/${run.id}/statements`)).status).toBe(401);
  expect((await fetchInPage(stranger, 'GET', '/api/settings')).status).toBe(401);
});
