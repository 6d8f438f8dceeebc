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
  const deadline = Date.now() + timeout;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if ((await select.getAttribute('aria-expanded', { timeout: 5_000 })) !== 'true') {
        // A Select with a value draws its selection over the input; the click still lands in the selector.
        await select.click({ force: true, timeout: 5_000 });
      }
      if ((await select.getAttribute('readonly')) === null) await select.fill(option, { timeout: 5_000 });
      const dropdown = await dropdownOf(select);
      await dropdown
        .locator('.ant-select-item-option-content')
        .getByText(option, { exact: true })
        .first()
        .click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`e2e: could not pick "${option}" after ${attempt} attempts: ${String(error)}`);
      }
      // No Escape: in a drawer or a dialog it would close that too. The next try opens the list again
      // if it closed, and finds the option afresh.
      await page.waitForTimeout(300);
    }
  }
}

/**
 * The open dropdown of this Select (found by the list its combobox `aria-controls`, once the Select
 * has its id), so a dropdown of another Select still closing, or of an earlier mount of the same
 * form, is never the one picked from.
 */
export async function dropdownOf(combobox: Locator): Promise<Locator> {
  const page = combobox.page();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const list = await combobox.first().getAttribute('aria-controls', { timeout: UI_TIMEOUT });
  // A build with NODE_ENV=test (the journeys' own) gives every Select the one id `rc_select_TEST_OR_SSR`.
  return list && !list.startsWith('undefined') && !list.includes('TEST_OR_SSR')
    ? open.filter({ has: page.locator(`[id="${list}"]`) })
    : open.last();
}

/** The trimmed text of the locator's first match ("" when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}
