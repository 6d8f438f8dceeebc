import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { monthOf, quarterOf } from '../../plugin/domain/dates.ts';
import { halfYearContaining } from '../../plugin/domain/half-year.ts';
import { api, fetchInPage } from './harness/api.ts';
import { BrowserErrors } from './harness/browser-errors.ts';
import { addTag, choose, drawerForm, formItem } from './harness/formily.ts';
import { defineJourney } from './harness/journey.ts';
import { signInThroughPage } from './harness/sign-in.ts';
import { centsOf, countIs, label, pick, shown, textOf } from './harness/wait.ts';

// Issue 14: a company's own start, in a real browser on the real clock. An empty install
// (OKR_DEMO=none) opens the first-run page; the admin sets up regions, people from the Excel
// template, accounts and the half year; strategy writes the objectives on the kickoff board; reps
// propose KRs, the manager sends one back and confirms both; reps check in (one red with a blocker
// that reaches the manager); HR runs the quarter's peer reviews and pool, and a rep reads their
// statement. The blocks share one server and run in order; any console or page error fails a block.
const journey = defineJourney({ demo: 'none' });

const TODAY = new Date().toISOString().slice(0, 10);
const CYCLE = halfYearContaining(TODAY);
const MONTH = monthOf(TODAY);
const QUARTER = quarterOf(MONTH);

const PASSWORD = 'Qiye2026kaishi';
const ADMIN = { name: '周磊', login: 'zhoulei', password: 'Kaishi2026go' };
/** The people of the Excel file, in its row order (a manager before the reps under them). */
const PEOPLE = [
  { name: '孙立', role: '战略', region: '', manager: '', bonus: 35000, login: 'sunli' },
  { name: '林雪', role: 'HR', region: '', manager: '', bonus: 25000, login: 'linxue' },
  { name: '陈志强', role: '经理', region: '华东', manager: '', bonus: 40000, login: 'chenzhiqiang' },
  { name: '赵敏', role: '销售', region: '华东', manager: '陈志强', bonus: 30000, login: 'zhaomin' },
  { name: '吴倩', role: '销售', region: '华东', manager: '陈志强', bonus: 28000.5, login: 'wuqian' },
] as const;
const [STRATEGY, HR, MANAGER, REP_A, REP_B] = PEOPLE;
/** 赵敏 gets a one-time link and sets her own password; the others get an initial password. */
const REP_A_PASSWORD = 'Chunfeng88ok';

const OBJECTIVES = [
  { title: '新能源客户占比提升到 40%', tag: 'new-energy', weight: 40 },
  { title: '高毛利产品销售额翻番', tag: 'high-margin', weight: 35 },
  { title: '重点客户续约率 95%', tag: 'key-account', weight: 25 },
] as const;
const KR_A = '华东新能源储能客户签约 12 家';
const KR_B = '华东高毛利备件销售额 300 万';
const SEND_BACK = '请在对齐依据里写明 12 家客户的来源';
const BLOCKER = '客户集团总部冻结了本季度的采购审批';

interface Kr {
  id: string;
  title: string;
  ownerId: string;
  baseline: number;
  target: number;
  confirmedAt: string | null;
  sentBack: { reason: string } | null;
  links: { objectiveId: string; weight: number }[];
}
interface Person {
  id: string;
  name: string;
  role: string;
  regionId: string | null;
  managerId: string | null;
  baseBonusCents: number;
}

/** What the blocks hand on to the next (the blocks run in order on one server). */
const made: { krA?: Kr; krB?: Kr; people: Map<string, Person> } = { people: new Map() };
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`e2e: ${what} is missing: did an earlier block fail?`);
  return value;
};
const personId = (name: string) => need(made.people.get(name), `the person ${name}`).id;
const openDrawer = (page: Page) => page.locator('.ant-drawer-open');

async function openBoard(page: Page) {
  await page.getByRole('menuitem', { name: /启动会对齐/ }).click();
  await shown(page.getByText('实时连接'), 60_000);
}

/** The template as downloaded by the browser, opened with exceljs. */
async function downloadTemplate(page: Page): Promise<ExcelJS.Workbook> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 Excel 模板' }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

test('the admin sets up the company: regions, people from the Excel template, accounts, the half year', async () => {
  const errors = new BrowserErrors();
  const { page } = await journey.anonymous('admin');
  errors.watch(page, 'admin');
  await page.goto('/');
  await shown(page.getByText('首次使用：创建公司与管理员'), 60_000);
  await page.getByLabel('公司名称').fill('华东装备服务有限公司');
  await page.getByLabel('管理员姓名').fill(ADMIN.name);
  await page.getByLabel('登录名').fill(ADMIN.login);
  await page.getByLabel('密码', { exact: true }).fill('short1');
  await page.getByLabel('再次输入密码').fill('short1');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await shown(page.getByText('密码太短：至少需要 10 位'));
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次输入密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '创建并登录' }).click();
  await shown(page.getByText(`初始化完成，欢迎你，${ADMIN.name}`));

  // Regions first, so the template lists them.
  await page.getByRole('menuitem', { name: /组织与人员/ }).click();
  await shown(page.getByRole('tab', { name: '区域' }));
  for (const region of ['华东', '华南']) {
    await page.getByRole('button', { name: '添加区域' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('区域名称').fill(region);
    await dialog.getByRole('button', { name: label('保存') }).click();
    await shown(page.getByText(`已添加区域「${region}」`));
    await countIs(page.getByRole('dialog'), 0);
  }

  // The template: its columns with one example row, and the values each column takes.
  await page.getByRole('tab', { name: '人员' }).click();
  const workbook = await downloadTemplate(page);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('e2e: the template has no sheet');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header).toEqual(['姓名', '角色', '区域', '上级', '季度基础奖金（元）']);
  expect(sheet.rowCount).toBe(2);
  const help = workbook.worksheets[1];
  const helpText = (help?.getSheetValues() ?? []).flat().map(String).join(' ');
  expect(helpText).toContain('华东、华南');
  expect(helpText).toContain('销售、经理、HR、战略');

  // Filled in as HR would: the example row replaced by the company's people.
  sheet.spliceRows(2, 1);
  for (const p of PEOPLE) sheet.addRow([p.name, p.role, p.region, p.manager, p.bonus]);
  const filled = Buffer.from(await workbook.xlsx.writeBuffer());
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从 Excel/CSV 导入人员' }).click();
  await (await chooser).setFiles({
    name: '华东装备-人员.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: filled,
  });
  await shown(page.getByText(`已导入 ${PEOPLE.length} 位人员`));
  await shown(page.getByRole('cell', { name: '28,000.50 元' }));
  const managerRow = page.getByRole('row', { name: new RegExp(REP_B.name) });
  await shown(managerRow.getByRole('cell', { name: MANAGER.name, exact: true }));

  const stored = await api<Person[]>(page.context().request, 'GET', '/api/people');
  for (const p of stored) made.people.set(p.name, p);
  for (const p of PEOPLE) {
    const person = need(made.people.get(p.name), `the imported ${p.name}`);
    expect(person.baseBonusCents).toBe(Math.round(p.bonus * 100));
    expect(person.managerId).toBe(p.manager ? personId(p.manager) : null);
  }

  // An account for each: an initial password the admin types, and a one-time link for 赵敏.
  await page.getByRole('tab', { name: '账号' }).click();
  let address = '';
  for (const p of PEOPLE) {
    await page
      .getByRole('row', { name: new RegExp(p.name) })
      .getByRole('button', { name: '开通账号' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill(p.login);
    if (p !== REP_A) {
      await dialog.getByText('由我设置初始密码').click();
      await dialog.getByRole('textbox', { name: /初始密码/ }).fill(PASSWORD);
    }
    await dialog.getByRole('button', { name: '开通账号' }).click();
    await shown(page.getByText(`已为「${p.name}」开通账号`));
    if (p === REP_A) {
      address = await textOf(await shown(page.getByText(/\/welcome#token=/)));
      await page
        .getByRole('dialog')
        .getByRole('button', { name: label('关闭') })
        .click();
    }
    await countIs(page.getByRole('dialog'), 0);
  }
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/welcome#token=[\w-]{43}$/);
  await shown(page.getByRole('row', { name: new RegExp(HR.name) }).getByText('可登录'));

  // The half year running today: the tab proposes it.
  await page.getByRole('tab', { name: '周期' }).click();
  await page.getByRole('button', { name: '创建周期' }).click();
  await shown(page.getByText(`已创建周期「${CYCLE.name}」`));
  await shown(page.getByRole('cell', { name: CYCLE.start }));

  // 赵敏 opens her link on her own phone and chooses a password.
  const { page: phone } = await journey.anonymous(REP_A.login);
  errors.watch(phone, REP_A.login);
  await phone.goto(address);
  await shown(phone.getByText(new RegExp(`你好，${REP_A.name}！你的登录名是 ${REP_A.login}`)));
  await phone.getByLabel('密码', { exact: true }).fill(REP_A_PASSWORD);
  await phone.getByLabel('再次输入密码').fill(REP_A_PASSWORD);
  await phone.getByRole('button', { name: '设置密码并登录' }).click();
  await shown(phone.getByText(`密码已设置，欢迎你，${REP_A.name}`));
  expect(await textOf(await shown(phone.getByTestId('current-user')))).toContain(REP_A.name);
  expect(errors.list()).toEqual([]);
});

/** Fills the objective drawer and submits it. */
async function writeObjective(page: Page, o: (typeof OBJECTIVES)[number]) {
  const drawer = await drawerForm(page, 'objective');
  await shown(drawer.getByText('新建战略目标'));
  await formItem(drawer, '目标名称').locator('input').fill(o.title);
  await formItem(drawer, '目标说明').locator('textarea').fill(`${CYCLE.name}的战略重点`);
  await pick(formItem(drawer, '负责人').getByRole('combobox'), STRATEGY.name);
  await addTag(page, formItem(drawer, '重点标签'), o.tag);
  await formItem(drawer, '战略权重').locator('input').fill(String(o.weight));
  await drawer.getByRole('button', { name: label('提交') }).click();
  await shown(page.getByText(`已创建战略目标“${o.title}”`));
  await countIs(openDrawer(page), 0);
}

/** Adds one link row to the open KR drawer: which objective, with what contribution weight. */
async function link(page: Page, objective: string, weight: number) {
  const drawer = openDrawer(page);
  await drawer.getByText('添加关联').click();
  await choose(formItem(drawer, '战略目标'), objective);
  await formItem(drawer, '贡献权重').locator('input').fill(String(weight));
}

const scoreOf = (page: Page) => async () =>
  Number(await openDrawer(page).getByTestId('alignment-score').getAttribute('data-score'));

/** A rep proposes a KR from the board, watching the alignment score rise as they fill it in. */
async function proposeKr(
  page: Page,
  kr: { title: string; target: number; unit: string; tag: string; links: [string, number][] },
) {
  await page.getByRole('button', { name: /提出 KR/ }).click();
  const drawer = await drawerForm(page, 'key-result');
  await shown(drawer.getByTestId('alignment-score'));
  const score = scoreOf(page);
  expect(await score()).toBe(0);
  await formItem(drawer, '关键结果').locator('input').fill(kr.title);
  await formItem(drawer, '目标值').locator('input').fill(String(kr.target));
  await formItem(drawer, '单位').locator('input').fill(kr.unit);
  for (const [objective, weight] of kr.links) await link(page, objective, weight);
  await expect.poll(score).toBeGreaterThan(0);
  const linked = await score();
  await addTag(page, formItem(drawer, '标签'), kr.tag);
  await expect.poll(score).toBeGreaterThan(linked);
  const tagged = await score();
  await formItem(drawer, '对齐依据').locator('textarea').fill('华东今年的储能项目最多，经理已核对过客户名单');
  await expect.poll(score).toBeGreaterThan(tagged);
  await drawer.getByRole('button', { name: label('提交') }).click();
  await shown(page.getByText(`已提交 KR“${kr.title}”，看板上所有人都能看到`));
  await countIs(openDrawer(page), 0);
}

/** The manager's "to confirm" row of a KR, opened in the drawer. */
async function review(manager: Page, title: string): Promise<Locator> {
  await manager.getByRole('tab', { name: /^待我确认/ }).click();
  await manager
    .locator('.ant-list-item', { hasText: title })
    .getByRole('button', { name: label('审核') })
    .click();
  const drawer = openDrawer(manager);
  await shown(drawer.getByText('经理审核'));
  return drawer;
}

const keyResults = (page: Page) => api<Kr[]>(page.context().request, 'GET', '/api/key-results');

test('strategy writes three objectives; two reps propose KRs; the manager sends one back and confirms both', async () => {
  const errors = new BrowserErrors();
  const { page: lead } = await signInThroughPage(journey, STRATEGY.login, PASSWORD, errors, 'strategy');
  await openBoard(lead);
  await shown(lead.getByText('本周期还没有战略目标'));
  for (const o of OBJECTIVES) {
    // The empty board offers the button twice (toolbar and hint): either opens the drawer.
    await lead
      .getByRole('button', { name: /新建战略目标/ })
      .first()
      .click();
    await writeObjective(lead, o);
  }
  const objectives = await api<{ id: string; title: string; ownerId: string; weight: number }[]>(
    lead.context().request,
    'GET',
    '/api/objectives',
  );
  const rows = (list: { title: string; ownerId: string; weight: number }[]) =>
    list.map((o) => `${o.title} · ${o.ownerId} · ${o.weight}`).sort();
  expect(rows(objectives)).toEqual(rows(OBJECTIVES.map((o) => ({ ...o, ownerId: personId(STRATEGY.name) }))));
  for (const o of objectives) await shown(lead.getByTestId(`alignment-board-column-${o.id}`));

  const { page: repA } = await signInThroughPage(journey, REP_A.login, REP_A_PASSWORD, errors, 'repA');
  const { page: repB } = await signInThroughPage(journey, REP_B.login, PASSWORD, errors, 'repB');
  await Promise.all([openBoard(repA), openBoard(repB)]);
  await proposeKr(repA, {
    title: KR_A,
    target: 12,
    unit: '家',
    tag: 'new-energy',
    links: [
      [OBJECTIVES[0].title, 60],
      [OBJECTIVES[2].title, 40],
    ],
  });
  await proposeKr(repB, {
    title: KR_B,
    target: 300,
    unit: '万元',
    tag: 'high-margin',
    links: [[OBJECTIVES[1].title, 100]],
  });
  const byTitle = new Map((await keyResults(lead)).map((k) => [k.title, k]));
  const krA = need(byTitle.get(KR_A), `the KR ${KR_A}`);
  const krB = need(byTitle.get(KR_B), `the KR ${KR_B}`);
  const idOf = (title: string) => need(objectives.find((o) => o.title === title)?.id, title);
  expect(krA.ownerId).toBe(personId(REP_A.name));
  expect(krA.links.map((l) => [l.objectiveId, l.weight]).sort()).toEqual(
    [
      [idOf(OBJECTIVES[0].title), 60],
      [idOf(OBJECTIVES[2].title), 40],
    ].sort(),
  );
  // The lead's board shows both cards under their objectives without a reload.
  await shown(lead.getByTestId(`alignment-board-card-${idOf(OBJECTIVES[2].title)}-${krA.id}`));
  await shown(lead.getByTestId(`alignment-board-card-${idOf(OBJECTIVES[1].title)}-${krB.id}`));

  // The manager sends 赵敏's KR back with a comment; she reads it, fixes the rationale, and saves.
  const { page: manager } = await signInThroughPage(journey, MANAGER.login, PASSWORD, errors, 'manager');
  await openBoard(manager);
  let drawer = await review(manager, KR_A);
  await drawer.getByRole('button', { name: label('退回') }).click();
  await manager.getByRole('textbox', { name: '退回意见' }).fill(SEND_BACK);
  await drawer.getByRole('button', { name: label('退回') }).click();
  await shown(manager.getByText(`已退回“${KR_A}”，负责人会收到通知`));
  await countIs(openDrawer(manager), 0);

  await repA.getByRole('tab', { name: /^我的 KR/ }).click();
  const mine = repA.locator('.ant-list-item', { hasText: KR_A });
  await shown(mine.getByText(`已退回：${SEND_BACK}`));
  await mine.getByRole('button', { name: '编辑 KR' }).click();
  drawer = openDrawer(repA);
  await shown(drawer.getByText(`已退回：${SEND_BACK}`));
  const rationale = formItem(drawer, '对齐依据').locator('textarea');
  await rationale.fill('12 家来自华东储能展会的 30 家意向客户名单，已按行业和预算筛选');
  await drawer.getByRole('button', { name: label('提交') }).click();
  await shown(repA.getByText(`已保存 KR“${KR_A}”`));
  await countIs(mine.getByText(/已退回/), 0);

  // The manager confirms both; nothing is left to confirm.
  for (const title of [KR_A, KR_B]) {
    drawer = await review(manager, title);
    await drawer.getByRole('button', { name: label('确认对齐') }).click();
    await shown(manager.getByText(`已确认“${title}”`));
    await countIs(openDrawer(manager), 0);
  }
  await shown(manager.getByText('团队的 KR 都已确认。'));
  const confirmed = new Map((await keyResults(manager)).map((k) => [k.id, k]));
  for (const kr of [krA, krB]) {
    expect(confirmed.get(kr.id)?.confirmedAt).toBeTruthy();
    expect(confirmed.get(kr.id)?.sentBack ?? null).toBeNull();
  }
  made.krA = need(confirmed.get(krA.id), KR_A);
  made.krB = need(confirmed.get(krB.id), KR_B);
  expect(errors.list()).toEqual([]);
});

/** A rep's check-in of this month on the calibration page, with the colour the pace suggests. */
async function checkIn(page: Page, kr: Kr, value: number, colour: '绿灯' | '红灯', blocker = '') {
  await page.getByRole('menuitem', { name: /月度校准/ }).click();
  const list = page.locator('.ant-card', { hasText: `${MONTH} 的校准提交` });
  const item = list.locator('.ant-list-item', { hasText: kr.title });
  await item.getByRole('button', { name: label('提交校准') }).click();
  const form = page.locator('.ant-modal-content', { hasText: `校准：${kr.title}` });
  await shown(form);
  await formItem(form, '本月末实际值').locator('input').fill(String(value));
  await shown(form.getByTestId('colour-suggestion').getByText(colour, { exact: false }));
  await formItem(form, '自评颜色').getByText(colour).click();
  await formItem(form, '信心指数')
    .locator('input')
    .fill(colour === '红灯' ? '3' : '8');
  if (blocker) await formItem(form, '遇到的阻碍').locator('textarea').fill(blocker);
  await form.getByRole('button', { name: label('提交') }).click();
  await shown(page.getByText(`已提交「${kr.title}」${MONTH} 的校准`));
  const cell = page.getByTestId(`calibration-cell-${kr.id}-${MONTH}`);
  await expect.poll(() => cell.getAttribute('data-colour')).toBe(colour === '红灯' ? 'red' : 'green');
}

/** A rep reviews every colleague the window assigns them, watching "已完成 n/m" count up. */
async function reviewColleagues(page: Page, colleagues: string[]) {
  await page.getByRole('menuitem', { name: /同事互评/ }).click();
  const progress = page.getByTestId('peer-review-progress');
  await shown(progress.getByText(`已完成 0/${colleagues.length}`));
  for (const [i, name] of colleagues.entries()) {
    const row = page.locator('.ant-list-item', { hasText: name });
    await row.getByRole('button', { name: label('评价') }).click();
    const form = page.locator('.ant-modal-content', { hasText: `评价 ${name}（${QUARTER}）` });
    await shown(form);
    for (const [dimension, score] of [
      ['协作', '4'],
      ['跨区协助', '3'],
      ['知识分享', '5'],
    ] as const)
      await formItem(form, dimension).getByText(score, { exact: true }).click();
    await formItem(form, '评语').locator('textarea').fill(`${name}本季度主动分享了储能项目的报价经验`);
    await form.getByRole('button', { name: label('提交') }).click();
    await shown(page.getByText(`已保存对 ${name} 的评价`));
    await shown(progress.getByText(`已完成 ${i + 1}/${colleagues.length}`));
    await shown(row.getByText('已评价'));
  }
}

test("reps check in; a red month's blocker reaches the manager; HR opens peer review and the reps review", async () => {
  const krA = need(made.krA, KR_A);
  const krB = need(made.krB, KR_B);
  const errors = new BrowserErrors();
  const { page: repA } = await signInThroughPage(journey, REP_A.login, REP_A_PASSWORD, errors, 'repA');
  const { page: repB } = await signInThroughPage(journey, REP_B.login, PASSWORD, errors, 'repB');
  await checkIn(repA, krA, krA.target, '绿灯');
  await checkIn(repB, krB, krB.baseline, '红灯', BLOCKER);

  // The rules run after the write and open an escalation of the red month for the manager.
  const { page: manager } = await signInThroughPage(journey, MANAGER.login, PASSWORD, errors, 'manager');
  let opened: { id: string; reason: string; assigneeId: string | null } | undefined;
  await expect
    .poll(
      async () => {
        const reply = await fetchInPage<
          { id: string; krId: string; month: string; reason: string; assigneeId: string | null }[]
        >(manager, 'GET', '/api/escalations?state=open');
        opened = reply.body.find((e) => e.krId === krB.id && e.month === MONTH);
        return opened?.reason;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe('red');
  expect(need(opened, 'the escalation').assigneeId).toBe(personId(MANAGER.name));
  await manager.getByRole('menuitem', { name: /月度校准/ }).click();
  const queued = manager.getByTestId(`calibration-escalation-${need(opened, 'the escalation').id}`);
  await shown(queued);
  await shown(queued.getByText('标红'));
  await manager
    .getByRole('row')
    .filter({ hasText: KR_B })
    .getByRole('button', { name: label('详情') })
    .click();
  await shown(manager.getByTestId('escalation-blocker').getByText(BLOCKER));

  // HR opens this quarter's window; each rep reviews the colleagues it assigns them.
  const { page: hr } = await signInThroughPage(journey, HR.login, PASSWORD, errors, 'hr');
  await hr.getByRole('menuitem', { name: /同事互评/ }).click();
  await pick(hr.getByRole('combobox', { name: '季度' }), QUARTER);
  await shown(hr.getByText('未开启'));
  await hr.getByRole('button', { name: '开启互评窗口' }).click();
  await shown(hr.getByText(`${QUARTER} 互评窗口已开启`));
  const completion = hr.getByTestId('peer-review-completion');
  await shown(completion.getByText('全员完成 0/6'));

  await reviewColleagues(repA, [MANAGER.name, REP_B.name]);
  await reviewColleagues(repB, [MANAGER.name, REP_A.name]);
  await hr.reload();
  await shown(completion.getByText('全员完成 4/6'), 60_000);
  await shown(hr.getByRole('row', { name: new RegExp(REP_A.name) }).getByText('已完成 2/2'));
  expect(errors.list()).toEqual([]);
});

test("HR computes this quarter's pool before it ends, approves, releases and locks it; a rep reads their statement", async () => {
  const errors = new BrowserErrors();
  const { page: hr } = await signInThroughPage(journey, HR.login, PASSWORD, errors, 'hr');
  await hr.getByRole('menuitem', { name: /浮动奖金池/ }).click();
  await shown(hr.getByText('还没有奖金池', { exact: false }));
  await pick(hr.getByRole('combobox', { name: '季度' }), QUARTER);
  await hr.getByRole('button', { name: label('创建并计算') }).click();
  // The quarter is still running: HR is told, and computes anyway.
  const warning = hr.locator('.ant-modal-confirm', { hasText: `${QUARTER} 还没有结束` });
  await shown(warning);
  await warning.getByRole('button', { name: label('仍然计算') }).click();
  await shown(hr.getByText(new RegExp(`^已计算 ${QUARTER} 奖金池：`)), 90_000);
  await shown(hr.getByTestId('pool-allocation'));
  await shown(hr.getByText('季度未结束'));

  // 赵敏 reached her target, so she is in; 吴倩's red month leaves her under the minimum contribution.
  const runs = await api<
    { id: string; quarter: string; poolCents: number; result: { eligible: string[] } }[]
  >(hr.context().request, 'GET', '/api/pool-runs');
  const run = need(
    runs.find((r) => r.quarter === QUARTER),
    `the ${QUARTER} run`,
  );
  const settings = await api<{ settings: { pool: { ratePercent: number } } }>(
    hr.context().request,
    'GET',
    '/api/settings',
  );
  const repA = personId(REP_A.name);
  expect(run.result.eligible).toEqual([repA]);
  const base = Math.round(REP_A.bonus * 100);
  expect(run.poolCents).toBe(Math.floor((base * settings.settings.pool.ratePercent) / 100));
  expect(centsOf(await textOf(hr.getByTestId(`pool-row-${repA}`).locator('strong')))).toBe(run.poolCents);

  for (const [action, state] of [
    ['审批', '已审批'],
    ['发布', '已发布'],
    ['锁定', '已锁定'],
  ] as const) {
    await hr.getByRole('button', { name: label(action) }).click();
    await hr
      .locator('.ant-popover')
      .getByRole('button', { name: label('确定') })
      .click();
    await shown(hr.locator('.ant-table-row .ant-tag', { hasText: state }));
  }
  await shown(hr.getByText('已锁定：此奖金池不再变化。'));

  // 赵敏 reads her statement: the amount, and the lines that explain it.
  const { page: rep } = await signInThroughPage(journey, REP_A.login, REP_A_PASSWORD, errors, 'repA');
  await rep.getByRole('menuitem', { name: /浮动奖金池/ }).click();
  await shown(rep.getByText('我的奖金说明'));
  const card = rep.locator('.ant-card', { hasText: `${QUARTER} 奖金说明` });
  await shown(card);
  await shown(card.getByText('季度未结束'));
  expect(centsOf(await textOf(card.locator('h4')))).toBe(run.poolCents);
  const lines = card.getByTestId(`pool-statement-${repA}`);
  await shown(lines.getByText(/^激励池 = 1 名参与人员的季度基础奖金/));
  await shown(lines.getByText(new RegExp(`^KR「${KR_A}」：季度末进度 100%`)));
  await shown(lines.getByText(/^最终发放/));
  await countIs(rep.locator('[data-testid^="pool-statement-"]'), 1);
  expect(errors.list()).toEqual([]);
});
