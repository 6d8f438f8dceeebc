import type { Locator } from 'playwright-core';

/** Default wait for something to show up in the browser (two shared cores: be patient). */
export const UI_TIMEOUT = 30_000;

/** Waits until the locator's first match is visible. */
export async function shown(locator: Locator, timeout = UI_TIMEOUT): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** Waits until nothing matches the locator (or all matches are hidden). */
export async function hidden(locator: Locator, timeout = UI_TIMEOUT): Promise<void> {
  await expect.poll(() => visibleCount(locator), { timeout }).toBe(0);
}

async function visibleCount(locator: Locator): Promise<number> {
  let n = 0;
  for (const l of await locator.all()) if (await l.isVisible()) n += 1;
  return n;
}

/** Waits until exactly `n` elements match. */
export async function countIs(locator: Locator, n: number, timeout = UI_TIMEOUT): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(n);
}

/**
 * An accessible-name pattern for a button label: antd puts a space between the two characters of
 * a two-character Chinese label ("确定" renders as "确 定"), so allow whitespace between characters.
 */
export function label(text: string): RegExp {
  const escaped = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${escaped.join('\\s*')}\\s*$`);
}

/** Cents from a formatted amount such as "¥12,345.67" or "-¥3.00". */
export function centsOf(money: string): number {
  const negative = /[-−]/.test(money);
  const digits = money.replace(/[^\d.]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(digits)) throw new Error(`e2e: "${money}" is not an amount of money`);
  const [whole, fraction = ''] = digits.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/** Opens an antd Select and picks the option with this exact text from its (visible) dropdown. */
export async function pick(select: Locator, option: string): Promise<void> {
  // A Select with a value draws its selection over the input; the click still lands in the selector.
  await select.click({ force: true });
  const page = select.page();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-content')
    .getByText(option, { exact: true })
    .click();
}
