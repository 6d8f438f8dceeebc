import type { Locator, Page } from 'playwright-core';
import { api } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { label, pick, shown } from './harness/wait.ts';

// Issue 14: authoring from the kickoff board. Strategy adds an objective from the board's toolbar; a
// rep's open board shows its column live and the rep proposes a KR linked to it, watching the score
// rise as they type; the lead's board shows the card; the rep's manager sends it back with a comment,
// which the rep reads under "my KRs". Any console error or page error on any screen fails it.
const journey = defineJourney();
const consoleErrors: string[] = [];

function watchConsole(page: Page, who: string): void {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`[${who}] ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`[${who}] page error: ${e.message}`));
}

/** The innermost Formily item labelled exactly `text` in the open drawer (a link row sits in "links"). */
const field = (page: Page, text: string): Locator =>
  page
    .locator('.ant-drawer-open .ant-formily-item')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${text}$`) }) })
    .last();

/** Picks an option of a Select without search (its input takes no typing). */
async function choose(page: Page, item: Locator, option: string) {
  await item.locator('.ant-select-selector').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-content')
    .getByText(option, { exact: true })
    .click();
}

async function openBoard(page: Page) {
  await page.goto('/kickoff');
  await shown(page.getByTestId('alignment-board'), 60_000);
  await shown(page.getByText('实时连接'));
}

test('strategy adds an objective on the board, a rep proposes a KR under it, the manager sends it back', async () => {
  const { page: lead } = await journey.signIn('wangjianguo', 'lead');
  const { page: rep, context: repContext } = await journey.signIn('zhaomin', 'rep');
  const { page: manager } = await journey.signIn('chenzhiqiang', 'manager');
  for (const [page, who] of [
    [lead, 'lead'],
    [rep, 'rep'],
    [manager, 'manager'],
  ] as const)
    watchConsole(page, who);
  await Promise.all([openBoard(lead), openBoard(rep)]);
  await expect(rep.getByRole('button', { name: /新建战略目标/ }).count()).resolves.toBe(0);

  // The lead writes the objective in the drawer with the pack's objective form.
  await lead.getByRole('button', { name: /新建战略目标/ }).click();
  await field(lead, '目标名称').locator('input').fill('开拓海外渠道');
  await field(lead, '目标说明').locator('textarea').fill('东南亚两家代理商，下半年签约');
  await pick(field(lead, '负责人').getByRole('combobox'), '王建国');
  await field(lead, '重点标签').getByRole('combobox').fill('overseas');
  await lead.keyboard.press('Enter');
  await field(lead, '战略权重').locator('input').fill('10');
  await lead
    .locator('.ant-drawer-open')
    .getByRole('button', { name: label('提交') })
    .click();
  await shown(lead.getByText('已创建战略目标“开拓海外渠道”'));
  const objectives = await api<{ id: string; title: string }[]>(
    lead.context().request,
    'GET',
    '/api/objectives',
  );
  const created = objectives.find((o) => o.title === '开拓海外渠道');
  if (!created) throw new Error('e2e: the objective was not stored');

  // The rep's board grows the column without a reload; the rep proposes a KR linked to it.
  await shown(rep.getByTestId(`alignment-board-column-${created.id}`));
  await rep.getByRole('button', { name: /提出 KR/ }).click();
  const score = rep.getByTestId('alignment-score');
  await shown(score);
  const scoreNow = async () => Number(await score.getAttribute('data-score'));
  expect(await scoreNow()).toBe(0);
  await field(rep, '关键结果').locator('input').fill('东南亚代理商签约 2 家');
  await field(rep, '目标值').locator('input').fill('2');
  await rep.locator('.ant-drawer-open').getByText('添加关联').click();
  await choose(rep, field(rep, '战略目标'), '开拓海外渠道');
  await field(rep, '标签').getByRole('combobox').fill('overseas');
  await rep.keyboard.press('Enter');
  await expect.poll(scoreNow).toBeGreaterThan(0);
  const linked = await scoreNow();
  await field(rep, '对齐依据').locator('textarea').fill('代理商是海外渠道的第一步，名单已和经理核对过');
  await expect.poll(scoreNow).toBeGreaterThan(linked);
  await rep
    .locator('.ant-drawer-open')
    .getByRole('button', { name: label('提交') })
    .click();
  await shown(rep.getByText('已提交 KR“东南亚代理商签约 2 家”，看板上所有人都能看到'));

  // The lead's board shows the new card in the new column.
  const krs = await api<{ id: string; title: string }[]>(repContext.request, 'GET', '/api/key-results');
  const kr = krs.find((k) => k.title === '东南亚代理商签约 2 家');
  if (!kr) throw new Error('e2e: the KR was not stored');
  await shown(lead.getByTestId(`alignment-board-card-${created.id}-${kr.id}`));

  // The manager finds it under "to confirm" and sends it back; the rep reads why under "my KRs".
  await openBoard(manager);
  await manager.getByRole('tab', { name: /^待我确认/ }).click();
  const row = manager.locator('.ant-list-item', { hasText: '东南亚代理商签约 2 家' });
  await row.getByRole('button', { name: label('审核') }).click();
  await manager
    .locator('.ant-drawer-open')
    .getByRole('button', { name: label('退回') })
    .click();
  await manager.getByRole('textbox', { name: '退回意见' }).fill('请写明两家代理商的名字');
  await manager
    .locator('.ant-drawer-open')
    .getByRole('button', { name: label('退回') })
    .click();
  await shown(manager.getByText('已退回“东南亚代理商签约 2 家”，负责人会收到通知'));

  await rep.getByRole('tab', { name: /^我的 KR/ }).click();
  await shown(
    rep
      .locator('.ant-list-item', { hasText: '东南亚代理商签约 2 家' })
      .getByText('已退回：请写明两家代理商的名字'),
  );

  // The rep's notification opens the KR itself: its detail at /kr/<id>, the score broken down by factor.
  await rep.goto('/notifications');
  await rep.getByRole('link', { name: '“东南亚代理商签约 2 家”被退回：请写明两家代理商的名字' }).click();
  await expect.poll(() => new URL(rep.url()).pathname).toBe(`/kr/${kr.id}`);
  const detail = rep.getByTestId('kr-detail');
  await shown(detail);
  const factor = (name: string) => detail.locator('.ant-list-item', { hasText: name });
  await shown(factor('关联战略目标').getByText('已满分'));
  await shown(factor('经理确认').getByText(/^差 \d+ 分$/));
  expect(consoleErrors).toEqual([]);
});
