import type { Page } from 'playwright-core';
import { api } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { countIs, label, pick, shown, UI_TIMEOUT } from './harness/wait.ts';

// Journey 3: HR raises the alignment threshold from 60 to 70, previews which KRs flip, publishes;
// the board shows the new threshold; HR rolls back; the audit log has both changes.
const journey = defineJourney();

interface KeyResultView {
  id: string;
  title: string;
  ownerType: string;
  ownerId: string;
}
interface Preview {
  alignmentFlips: { krId: string; before: { aligned: boolean }; after: { aligned: boolean } }[];
}

/** The board filtered to one person, and that KR's card (in whatever column it sits). */
async function boardCard(page: Page, ownerName: string, krId: string) {
  await page.goto('/kickoff');
  await shown(page.getByTestId('alignment-board'), 60_000);
  await pick(page.getByRole('combobox', { name: '按人员筛选' }), ownerName);
  const card = page.locator(`[data-testid^="alignment-board-card-"][data-testid$="-${krId}"]`);
  await shown(card);
  return card;
}

test('HR previews, publishes and rolls back the alignment threshold; board and audit follow', async () => {
  const { context: hr, page } = await journey.signIn('linxue', 'hr');
  await page.goto('/settings');
  await shown(page.getByText('当前生效版本：1'));

  // Edit the threshold in the generated settings form and save it as a draft.
  const field = page.locator('.ant-formily-item', { has: page.getByText('最低对齐分', { exact: true }) });
  const input = field.locator('input').first();
  await shown(input);
  expect(await input.inputValue()).toBe('60');
  await input.fill('70');
  await page.getByRole('button', { name: label('保存') }).click();
  const draft = page.getByTestId('settings-draft');
  await shown(draft);
  await shown(draft.getByText('最低对齐分', { exact: true }));
  await countIs(draft.getByText('alignment.minScore'), 0);
  await shown(draft.locator('strong', { hasText: /^70$/ }));

  // Preview: the KRs that flip are listed; the same list the server computes.
  await draft.getByRole('button', { name: label('预览影响') }).click();
  const preview = page.getByTestId('settings-preview');
  await shown(preview, 90_000);
  const current = await api<{ settings: { alignment: { minScore: number } } }>(
    hr.request,
    'GET',
    '/api/settings',
  );
  const proposed = structuredClone(current.settings);
  proposed.alignment.minScore = 70;
  const expected = await api<Preview>(hr.request, 'POST', '/api/settings/preview', { settings: proposed });
  const flips = expected.alignmentFlips.filter((f) => f.before.aligned && !f.after.aligned);
  expect(flips.length).toBeGreaterThan(0);
  expect(flips.length).toBe(expected.alignmentFlips.length);
  const flipList = preview.locator('.ant-list', { hasText: '对齐状态改变的 KR' }).locator('.ant-list-item');
  await countIs(flipList, expected.alignmentFlips.length);
  const krs = await api<KeyResultView[]>(hr.request, 'GET', '/api/key-results');
  const people = await api<{ id: string; name: string }[]>(hr.request, 'GET', '/api/people');
  const flipped = flips
    .map((f) => krs.find((k) => k.id === f.krId))
    .find((k): k is KeyResultView => k !== undefined && k.ownerType === 'person');
  if (!flipped) throw new Error('e2e: no person-owned KR flips at 70; the demo data changed');
  const ownerName = people.find((p) => p.id === flipped.ownerId)?.name ?? '';
  expect(ownerName).not.toBe('');
  // Each flip names the KR and its owner and says what moved it: here the threshold, 60 → 70.
  const flipItem = flipList.filter({ hasText: `${flipped.title}（${ownerName}）` });
  await shown(flipItem.filter({ hasText: '达标线 60 → 70' }).filter({ hasText: '达标 → 未达标' }));

  // Before publishing, the board shows that KR at or above the threshold.
  const { page: board } = await journey.signIn('linxue', 'board');
  let card = await boardCard(board, ownerName, flipped.id);
  expect(await card.first().getAttribute('data-below-threshold')).toBe('false');

  // Publish with a reason.
  await draft.getByRole('textbox', { name: '原因' }).fill('e2e: 提高对齐门槛到 70');
  await draft.getByRole('button', { name: label('发布') }).click();
  // Publishing asks first, listing the change in words.
  const confirm = page.locator('.ant-modal-confirm', { hasText: '发布以下修改？' });
  await shown(confirm.getByText('最低对齐分：60 → 70'));
  await confirm.getByRole('button', { name: label('发布') }).click();
  await shown(page.getByText('已发布版本 2，新设置已生效'));
  await shown(page.getByText('当前生效版本：2'));
  await countIs(draft, 0);

  // The board, reloaded, now reminds the owner: below 70.
  card = await boardCard(board, ownerName, flipped.id);
  expect(await card.first().getAttribute('data-below-threshold')).toBe('true');
  await shown(card.first().getByText('对齐分低于 70，请补全对齐依据'));

  // Roll back to version 1 with a reason.
  await page.getByRole('button', { name: label('回滚到此版本') }).click();
  const modal = page.locator('.ant-modal-content', { hasText: '回滚到版本 1' });
  await shown(modal);
  await shown(modal.getByText('最低对齐分：70 → 60'));
  await modal.getByRole('textbox', { name: '原因' }).fill('e2e: 回滚到 60');
  await modal.getByRole('button', { name: label('回滚到此版本') }).click();
  await shown(page.getByText('当前生效版本：3'));
  const settings = await api<{ version: number; settings: { alignment: { minScore: number } } }>(
    hr.request,
    'GET',
    '/api/settings',
  );
  expect(settings.settings.alignment.minScore).toBe(60);

  card = await boardCard(board, ownerName, flipped.id);
  expect(await card.first().getAttribute('data-below-threshold')).toBe('false');

  // The audit log shows the publish and the rollback in words, by HR, with the changed setting.
  await page.goto('/audit');
  const rows = page.locator('.ant-table-row');
  await shown(rows.filter({ hasText: '回滚设置' }), UI_TIMEOUT);
  for (const action of ['发布设置', '回滚设置']) {
    const row = rows.filter({ hasText: action });
    await shown(row);
    await shown(row.first().getByText('林雪'));
  }
  await countIs(rows.filter({ hasText: 'settings.publish' }), 0);
  await rows.filter({ hasText: '回滚设置' }).first().getByRole('button').first().click();
  await shown(page.getByTestId('audit-changes').getByText('最低对齐分'));
});
