import type { Locator, Page } from 'playwright-core';

/**
 * The innermost Formily item labelled exactly `text` inside `scope` (an open drawer or modal); the
 * last one, so in a list of rows (a KR's links) it is the row added last.
 */
export const formItem = (scope: Locator, text: string): Locator =>
  scope
    .locator('.ant-formily-item')
    .filter({ has: scope.page().locator('label', { hasText: new RegExp(`^${text}$`) }) })
    .last();

/** Picks an option of a Select without search (its input takes no typing). */
export async function choose(page: Page, item: Locator, option: string): Promise<void> {
  await item.locator('.ant-select-selector').click();
  // The last dropdown: the one of a row added before may still be playing its closing animation.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .last()
    .locator('.ant-select-item-option-content')
    .getByText(option, { exact: true })
    .click();
}

/** Types a tag into a tags Select and confirms it with Enter. */
export async function addTag(page: Page, item: Locator, tag: string): Promise<void> {
  await item.getByRole('combobox').fill(tag);
  await page.keyboard.press('Enter');
}
