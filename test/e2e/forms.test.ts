import { personIdOf } from '../../host/demo/case-study-people.ts';
import { api, fetchInPage } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { countIs, label, pick, shown, textOf } from './harness/wait.ts';

// Journey 5: HR adds a custom select field to the check-in form; a rep sees it in their check-in,
// fills it in and checks in; the value is stored with the check-in.
// The journey sends one invalid value on purpose; its 400 is expected.
const journey = defineJourney({ allowConsole: [/status of 400 /] });

const REP = 'zhaomin';
const FIELD = {
  name: 'visitChannel',
  zh: '拜访渠道',
  en: 'Visit channel',
  options: ['电话', '上门拜访', '视频会议'],
};

interface Overlay {
  formId: string;
  version: number;
  overlay: {
    entries?: {
      op: string;
      name?: string;
      type?: string;
      options?: { value: string; label: Record<string, string> }[];
    }[];
  };
}
interface CheckInView {
  krId: string;
  month: string;
  value: number;
  confidence: number;
  submittedAt: string;
  custom?: Record<string, unknown> | null;
}

test('HR adds a custom select to the check-in form; a rep sees it, picks a value and checks in', async () => {
  const startedAt = Date.now();
  const { context: hr, page } = await journey.signIn('linxue', 'hr');
  await page.goto('/forms');
  await shown(page.getByText('使用表单包的原始字段，尚无调整'));

  await page.getByRole('button', { name: label('新增字段') }).click();
  const modal = page.locator('.ant-modal-content', { hasText: '新增字段' });
  await shown(modal);
  // No id to type: the stored name comes from the English label (visitChannel).
  await pick(modal.getByLabel('类型'), '下拉选择');
  await modal.getByLabel('中文名称').fill(FIELD.zh);
  await modal.getByLabel('英文名称').fill(FIELD.en);
  await shown(modal.getByLabel('选项（逗号或换行分隔）'));
  await modal.getByLabel('选项（逗号或换行分隔）').fill(FIELD.options.join('，'));
  await modal
    .locator('.ant-modal-footer')
    .getByRole('button', { name: label('新增字段') })
    .click();
  await countIs(page.locator('.ant-modal-content:visible', { hasText: '中文名称' }), 0);

  // The field list marks it as new, and the live preview already renders it.
  await shown(page.locator('.ant-table-row', { hasText: FIELD.zh }).getByText('新增'));
  await shown(page.locator('.ant-formily-item-label', { hasText: FIELD.zh }));

  await page.getByRole('button', { name: label('保存调整') }).click();
  await shown(page.getByText('已保存的调整：版本 1'));
  await shown(page.getByText('已保存「月度校准」的调整'));
  const stored = await api<Overlay>(hr.request, 'GET', '/api/form-overlays/check-in');
  const added = stored.overlay.entries?.find((e) => e.op === 'add' && e.name === FIELD.name);
  expect(added?.type).toBe('select');
  expect(added?.options?.map((o) => o.label['zh-CN'])).toEqual(FIELD.options);

  // The rep opens a check-in: the new field is there with HR's options; they fill the form in.
  const { context: repContext, page: rep } = await journey.signIn(REP, 'rep');
  await rep.goto('/calibration');
  const list = rep.locator('.ant-card', { hasText: '的校准提交' });
  await shown(list.locator('.ant-list-item'), 60_000);
  const month = (await textOf(list.locator('.ant-card-head-title'))).replace(/\s*的校准提交$/, '');
  expect(month).toMatch(/^\d{4}-\d{2}$/);
  const item = list.locator('.ant-list-item').first();
  const krTitle = await textOf(item.locator('.ant-list-item-meta-title'));
  await item.getByRole('button').click();

  const form = rep.locator('.ant-modal-content', { hasText: `校准：${krTitle}` });
  await shown(form);
  const formItem = (title: string) =>
    form.locator('.ant-formily-item', { has: rep.locator('.ant-formily-item-label', { hasText: title }) });
  const custom = formItem(FIELD.zh);
  await shown(custom);
  await custom.locator('.ant-select').click();
  const dropdown = rep.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (const option of FIELD.options)
    await shown(dropdown.locator('.ant-select-item-option-content', { hasText: option }));
  await dropdown.locator('.ant-select-item-option-content', { hasText: FIELD.options[1] }).click();
  await shown(custom.locator('.ant-select-selection-item', { hasText: FIELD.options[1] }));

  const krs = await api<{ id: string; title: string; target: number }[]>(
    repContext.request,
    'GET',
    `/api/key-results?ownerId=${personIdOf(REP)}`,
  );
  const kr = krs.find((k) => k.title === krTitle);
  if (!kr) throw new Error(`e2e: no KR titled ${krTitle} for ${REP}`);
  const value = kr.target; // on target: a plain, valid check-in
  await formItem('本月末实际值').locator('input').fill(String(value));
  await formItem('自评颜色').getByText('绿灯').click();
  await formItem('信心指数').locator('input').fill('8');
  await form.getByRole('button', { name: label('提交') }).click();
  await countIs(rep.locator('.ant-modal-content:visible', { hasText: `校准：${krTitle}` }), 0);

  const saved = await api<CheckInView[]>(
    repContext.request,
    'GET',
    `/api/check-ins?krId=${kr.id}&month=${month}`,
  );
  expect(saved).toHaveLength(1);
  expect({ value: saved[0]?.value, confidence: saved[0]?.confidence }).toEqual({ value, confidence: 8 });
  expect(Date.parse(saved[0]?.submittedAt ?? '')).toBeGreaterThanOrEqual(startedAt - 5_000);

  // The value picked in the form reached the server with the check-in.
  const picked = added?.options?.find((o) => o.label['zh-CN'] === FIELD.options[1])?.value;
  expect(picked).toBeTruthy();
  expect(saved[0]?.custom).toEqual({ [FIELD.name]: picked });

  // A value outside HR's options is refused by the server, whoever sends it.
  const body = { value, selfColour: 'green', confidence: 8, custom: { [FIELD.name]: picked } };
  const path = `/api/key-results/${kr.id}/check-ins/${month}`;
  const wrong = await fetchInPage<{ error: string }>(rep, 'PUT', path, {
    ...body,
    custom: { [FIELD.name]: 'not-an-option' },
  });
  expect({ status: wrong.status, error: wrong.body.error }).toEqual({
    status: 400,
    error: 'custom-field-invalid',
  });
});
