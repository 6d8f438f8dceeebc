import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserErrors } from './browser-errors.ts';
import type { Journey } from './journey.ts';
import { label, shown } from './wait.ts';

/**
 * Signs a person in the way they would: a fresh browser, the sign-in page, login and password typed
 * (no session made through the API), watched by `errors` from its first request. Answers once the
 * shell shows who is signed in.
 */
export async function signInThroughPage(
  journey: Journey,
  login: string,
  password: string,
  errors: BrowserErrors,
  who = login,
): Promise<{ context: BrowserContext; page: Page }> {
  const signedOut = await journey.anonymous(who);
  const page = errors.watch(signedOut.page, who);
  await page.goto('/');
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: label('登录') }).click();
  await shown(page.getByTestId('current-user'), 60_000);
  return signedOut;
}
