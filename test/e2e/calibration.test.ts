import type { Page } from 'playwright-core';
import { cycleContaining } from '../../host/demo/relative-calendar.ts';
import { cycleMonths, monthOf } from '../../plugin/domain/dates.ts';
import { api } from './harness/api.ts';
import { defineJourney } from './harness/journey.ts';
import { countIs, label, pick, shown, textOf } from './harness/wait.ts';

// Journey 2: a rep checks in behind pace (amber) two months running; the rules open an escalation
// in the manager's queue; the manager resolves it; the response time shows on the metrics page.
// It runs on the real clock against the demo `npm start` seeds: the case study placed in the half
// year running today, so the two months are the current month and the one before it.
const journey = defineJourney({ demo: 'relative' });

const MANAGER = 'chenzhiqiang'; // 华东
const TODAY = new Date().toISOString().slice(0, 10);
const CYCLE_MONTHS = cycleMonths(cycleContaining(TODAY));
const CURRENT = CYCLE_MONTHS.indexOf(monthOf(TODAY));
// The current month and the one before it; in the kickoff month, the first two months of the cycle.
const FIRST = Math.max(0, CURRENT - 1);
const MONTHS = [CYCLE_MONTHS[FIRST]!, CYCLE_MONTHS[FIRST + 1]!] as const;
const BEFORE = CYCLE_MONTHS[FIRST - 1];

interface Kr {
  id: string;
  title: string;
  ownerType: string;
  ownerId: string;
  metric: string;
  baseline: number;
  target: number;
  targetHistory: unknown[];
}
interface Colour {
  krId: string;
  month: string;
  colour: string;
}
interface Escalation {
  id: string;
  krId: string;
  month: string;
  reason: string;
  assigneeId: string | null;
  raisedAt: string;
  resolvedAt: string | null;
}
interface Metrics {
  months: { month: string; averageResponseDays: number | null }[];
}

/** A value whose pace sits in the middle of the amber band (between amberMin and greenMin). */
function amberValue(kr: Kr, month: string, amberMin: number, greenMin: number): number {
  const expected = (CYCLE_MONTHS.indexOf(month) + 1) / CYCLE_MONTHS.length;
  const pace = (amberMin + greenMin) / 2 / 100;
  const raw = kr.baseline + pace * expected * (kr.target - kr.baseline);
  const value = Math.round(raw);
  const check = ((value - kr.baseline) / (kr.target - kr.baseline) / expected) * 100;
  if (check <= amberMin + 2 || check >= greenMin - 2) throw new Error(`e2e: cannot hit amber for ${kr.id}`);
  return value;
}

async function checkIn(page: Page, kr: Kr, month: string, value: number, blocker = '') {
  await pick(page.getByRole('combobox', { name: '月份' }), month);
  const list = page.locator('.ant-card', { hasText: `${month} 的校准提交` });
  const item = list.locator('.ant-list-item', { hasText: kr.title });
  await shown(item);
  await item.getByRole('button').click();
  const form = page.locator('.ant-modal-content', { hasText: `校准：${kr.title}` });
  await shown(form);
  const field = (title: string) =>
    form.locator('.ant-formily-item', { has: page.locator('.ant-formily-item-label', { hasText: title }) });
  await field('本月末实际值').locator('input').fill(String(value));
  await shown(form.getByTestId('colour-suggestion').getByText('黄灯', { exact: false }));
  await field('自评颜色').getByText('黄灯').click();
  await field('信心指数').locator('input').fill('5');
  if (blocker) await field('遇到的阻碍').locator('textarea').fill(blocker);
  await form.getByRole('button', { name: label('提交') }).click();
  await countIs(page.locator('.ant-modal-content:visible', { hasText: `校准：${kr.title}` }), 0);
  const cell = page.getByTestId(`calibration-cell-${kr.id}-${month}`);
  await expect.poll(() => cell.getAttribute('data-colour'), { timeout: 30_000 }).toBe('amber');
}

test('two amber months open an escalation; the manager resolves it; metrics show the response time', async () => {
  const { context: manager, page: managerPage } = await journey.signIn(MANAGER, 'manager');
  const settings = await api<{
    settings: { calibration: { amberMinPacePercent: number; greenMinPacePercent: number } };
  }>(manager.request, 'GET', '/api/settings');
  const { amberMinPacePercent: amberMin, greenMinPacePercent: greenMin } = settings.settings.calibration;
  const krs = await api<Kr[]>(manager.request, 'GET', '/api/key-results');
  const evaluation = await api<{ cycleId: string; at: string; colours: Colour[] }>(
    manager.request,
    'GET',
    '/api/evaluation',
  );
  expect(evaluation.cycleId).toBe(cycleContaining(TODAY).id);
  expect(evaluation.at).toBe(TODAY);
  const escalations = await api<Escalation[]>(manager.request, 'GET', '/api/escalations');
  const colourOf = (krId: string, month: string) =>
    evaluation.colours.find((c) => c.krId === krId && c.month === month)?.colour;
  // A rep's KR that was green the month before the two (if there is one) and has no escalation in them yet.
  const kr = krs.find(
    (k) =>
      k.ownerType === 'person' &&
      k.metric !== 'milestone' &&
      k.targetHistory.length === 0 &&
      k.target - k.baseline >= 20 &&
      (BEFORE === undefined || colourOf(k.id, BEFORE) === 'green') &&
      !escalations.some((e) => e.krId === k.id && MONTHS.includes(e.month)),
  );
  if (!kr) throw new Error(`e2e: no KR in 华东 fits (green in ${BEFORE}, no escalation in ${MONTHS})`);
  const repLogin = kr.ownerId.replace(/^person-/, '');

  const metricsBefore = await api<Metrics>(manager.request, 'GET', '/api/metrics');
  await managerPage.goto('/metrics');
  const responseStat = managerPage.getByTestId('metrics-stat-averageResponseDays');
  await shown(responseStat, 60_000);
  const shownBefore = await textOf(responseStat);

  // The rep checks in behind pace for both months, one after the other: both amber on the board.
  const { page: rep } = await journey.signIn(repLogin, 'rep');
  await rep.goto('/calibration');
  await shown(rep.getByTestId('calibration-board'), 60_000);
  const BLOCKER = 'e2e: 客户财务审批卡在集团总部';
  for (const month of MONTHS)
    await checkIn(
      rep,
      kr,
      month,
      amberValue(kr, month, amberMin, greenMin),
      month === MONTHS[1] ? BLOCKER : '',
    );

  // The rules (run shortly after each write) open one escalation for the second month, assigned to the manager.
  let opened: Escalation | undefined;
  await expect
    .poll(
      async () => {
        const all = await api<Escalation[]>(manager.request, 'GET', '/api/escalations?state=open');
        opened = all.find((e) => e.krId === kr.id && e.month === MONTHS[1]);
        return opened?.reason;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe('amber-streak');
  if (!opened) throw new Error('unreachable');
  expect(opened.assigneeId).toBe(`person-${MANAGER}`);

  // The manager opens its detail from the queue and reads the rep's blocker.
  await managerPage.goto('/calibration');
  await managerPage
    .getByRole('row')
    .filter({ hasText: kr.title })
    .getByRole('button', { name: label('详情') })
    .first()
    .click();
  await shown(managerPage.getByTestId('escalation-blocker').getByText(BLOCKER), 30_000);

  // The manager sees it in the queue and resolves it.
  await managerPage.goto('/calibration');
  const queued = managerPage.getByTestId(`calibration-escalation-${opened.id}`);
  await shown(queued, 60_000);
  await shown(queued.getByText('连续标黄'));
  await queued.getByRole('button').click();
  const modal = managerPage.locator('.ant-modal-content', { hasText: '解决升级事项' });
  await shown(modal);
  await modal.getByRole('textbox', { name: '解决方案' }).fill('e2e: 调配华东售前支持两周，下月复查');
  await modal.getByRole('button', { name: label('解决') }).click();
  await countIs(managerPage.getByTestId(`calibration-escalation-${opened.id}`), 0);
  const resolved = (await api<Escalation[]>(manager.request, 'GET', '/api/escalations?state=resolved')).find(
    (e) => e.id === opened?.id,
  );
  expect(resolved?.resolvedAt).toBeTruthy();

  // Metrics: this month's average response time now includes this resolution, and the page shows it.
  const metricsAfter = await api<Metrics>(manager.request, 'GET', '/api/metrics');
  const thisMonth = (m: Metrics) =>
    m.months.find((x) => x.month === monthOf(TODAY))?.averageResponseDays ?? null;
  expect(thisMonth(metricsAfter)).not.toBeNull();
  expect(thisMonth(metricsAfter)).not.toBe(thisMonth(metricsBefore));
  await managerPage.goto('/metrics');
  await shown(responseStat, 60_000);
  const expectedText = `${Math.round((thisMonth(metricsAfter) ?? 0) * 10) / 10} 天`;
  await expect.poll(async () => await textOf(responseStat), { timeout: 30_000 }).toContain(expectedText);
  expect(await textOf(responseStat)).not.toBe(shownBefore);
});
