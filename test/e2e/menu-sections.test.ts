import { DEMO_PASSWORD } from '../../host/demo/case-study-people.ts';
import { LOGINS } from '../server/helpers.ts';
import { defineJourney } from './harness/journey.ts';
import { hidden, label, shown } from './harness/wait.ts';

// The menu in sections (日常 / 设置 / 管理) on a 390 × 844 phone: it opens from the header button as a
// drawer over the page, every entry of the last section can be reached (the menu scrolls on its own),
// and choosing one opens the page and folds the menu away.
const journey = defineJourney();

describe('the menu in sections on a phone', () => {
  it('opens as a drawer, reaches the last entry and folds away after a choice', async () => {
    const context = await journey.browser.newContext({
      baseURL: journey.server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      hasTouch: true,
      isMobile: true,
    });
    try {
      const page = journey.track('hr-phone', await context.newPage());
      await page.goto('/');
      await page.getByLabel('账号', { exact: true }).fill(LOGINS.admin);
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: label('登录') }).click();
      await shown(page.getByTestId('current-user'), 60_000);

      const nav = page.getByRole('navigation', { name: '主导航' });
      const audit = page.getByTestId('nav-audit');
      await hidden(audit);
      await page.getByRole('button', { name: '主导航' }).click();
      for (const title of ['日常', '设置', '管理']) await shown(nav.getByText(title, { exact: true }));
      await audit.scrollIntoViewIfNeeded();
      await shown(audit);
      await audit.tap();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/audit');
      await hidden(audit);
    } finally {
      await context.close();
    }
  });
});
