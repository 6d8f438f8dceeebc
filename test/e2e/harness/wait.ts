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

/**
 * Opens an antd Select and picks the option with this exact text. A searchable Select gets the text
 * typed first (its list is virtual: far options are not rendered until filtered). Retries while the
 * list re-renders under the pointer (options loading, the form re-rendering).
 */
export async function pick(select: Locator, option: string, timeout = UI_TIMEOUT): Promise<void> {
  const page = select.page();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = dropdown.locator('.ant-select-item-option-content').getByText(option, { exact: true });
  const deadline = Date.now() + timeout;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await dropdown.isVisible())) {
        // A Select with a value draws its selection over the input; the click still lands in the selector.
        await select.click({ force: true, timeout: 5_000 });
      }
      if ((await select.getAttribute('readonly')) === null) await select.fill(option, { timeout: 5_000 });
      await item.first().click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`e2e: could not pick "${option}" after ${attempt} attempts: ${String(error)}`);
      }
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
  }
}

/** The trimmed text of the locator's first match ("" when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}
