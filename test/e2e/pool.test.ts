import { personIdOf } from '../../host/demo/case-study-people.ts';
import { api, fetchInPage } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { centsOf, countIs, label, pick, shown, textOf } from './harness/wait.ts';

// Journey 4: HR computes a quarter's pool in the shell; the amounts add up to the pool; after
// release a rep sees only their own statement; once locked the run cannot change.
// Writes to the locked run are refused on purpose; their 409s are expected.
const journey = defineJourney({ allowConsole: [/status of 409 /] });

const QUARTER = '2026-Q1';
const REP = 'wuqian';

interface PoolRunView {
  id: string;
  quarter: string;
  version: number;
  state: string;
  poolCents: number | null;
  result: { eligible: string[]; allocations: { personId: string; cents: number }[] } | null;
}

test('HR computes, releases and locks a pool; totals add up; a rep sees only their statement', async () => {
  const { context: hr, page } = await journey.signIn('linxue', 'hr');
  await page.goto('/pool');
  await shown(page.getByText('还没有奖金池', { exact: false }));

  await pick(page.getByRole('combobox', { name: '季度' }), QUARTER);
  await page.getByRole('button', { name: label('创建并计算') }).click();

  const allocation = page.getByTestId('pool-allocation');
  await shown(allocation, 90_000);
  const runs = await api<PoolRunView[]>(hr.request, 'GET', '/api/pool-runs');
  const run = runs.find((r) => r.quarter === QUARTER);
  if (!run?.result || run.poolCents === null)
    throw new Error(`e2e: no computed run for ${QUARTER}: ${JSON.stringify(runs)}`);
  const eligible = run.result.eligible;
  expect(eligible.length).toBeGreaterThan(1);

  // The shell's rows: one per eligible rep, their amounts add up to the pool to the cent.
  const rows = page.locator('[data-testid^="pool-row-"]');
  await countIs(rows, eligible.length);
  const shownCents = new Map<string, number>();
  for (const row of await rows.all()) {
    const personId = (await row.getAttribute('data-testid'))?.replace('pool-row-', '') ?? '';
    shownCents.set(personId, centsOf(await textOf(row.locator('strong'))));
  }
  expect([...shownCents.keys()].sort()).toEqual([...eligible].sort());
  const sum = [...shownCents.values()].reduce((a, b) => a + b, 0);
  expect(sum).toBe(run.poolCents);
  const headline = await textOf(allocation.getByText(`${QUARTER} 激励池`));
  expect(centsOf(headline.split('激励池')[1]?.split('，')[0] ?? '')).toBe(run.poolCents);
  for (const a of run.result.allocations) expect(shownCents.get(a.personId)).toBe(a.cents);

  // Approve, release, lock: each behind a confirmation.
  for (const [action, state] of [
    ['审批', '已审批'],
    ['发布', '已发布'],
    ['锁定', '已锁定'],
  ] as const) {
    await page.getByRole('button', { name: label(action) }).click();
    await page
      .locator('.ant-popover')
      .getByRole('button', { name: label('确定') })
      .click();
    await shown(page.locator('.ant-table-row .ant-tag', { hasText: state }));
  }
  await shown(page.getByText('已锁定：此奖金池不再变化。'));
  await countIs(page.getByRole('button', { name: label('重新计算') }), 0);
  await countIs(page.getByRole('button', { name: label('删除') }), 0);

  // The locked run refuses every change, even called directly; its numbers stay as they were.
  const locked = await api<PoolRunView>(hr.request, 'GET', `/api/pool-runs/${run.id}`);
  expect(locked.state).toBe('locked');
  for (const [method, path, body] of [
    ['POST', `/api/pool-runs/${run.id}/compute`, { version: locked.version }],
    ['POST', `/api/pool-runs/${run.id}/approve`, {}],
    ['POST', `/api/pool-runs/${run.id}/lock`, {}],
    ['DELETE', `/api/pool-runs/${run.id}`, undefined],
  ] as const) {
    const reply = await fetchInPage<{ error: string }>(page, method, path, body);
    expect({ call: `${method} ${path}`, status: reply.status, error: reply.body.error }).toEqual({
      call: `${method} ${path}`,
      status: 409,
      error: 'run-locked',
    });
  }
  const after = await api<PoolRunView>(hr.request, 'GET', `/api/pool-runs/${run.id}`);
  expect({
    state: after.state,
    version: after.version,
    poolCents: after.poolCents,
    result: after.result,
  }).toEqual({
    state: 'locked',
    version: locked.version,
    poolCents: run.poolCents,
    result: locked.result,
  });

  // The rep sees their own statement, with the amount HR saw, and nobody else's.
  const repId = personIdOf(REP);
  expect(eligible).toContain(repId);
  const { page: rep } = await journey.signIn(REP, 'rep');
  await rep.goto('/pool');
  await shown(rep.getByText('我的奖金说明'));
  const card = rep.locator('.ant-card', { hasText: `${QUARTER} 奖金说明` });
  await shown(card);
  await shown(card.getByTestId(`pool-statement-${repId}`));
  await countIs(rep.locator('[data-testid^="pool-statement-"]'), 1);
  await countIs(rep.getByTestId('pool-allocation'), 0);
  expect(centsOf(await textOf(card.locator('h4')))).toBe(shownCents.get(repId));
});
