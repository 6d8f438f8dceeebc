import type { Locator, Page } from 'playwright-core';
import { dropdownOf, shown, UI_TIMEOUT } from './wait.ts';

/**
 * The open drawer once the pack's form `formId` is drawn in it (the `data-form-id` around it): the
 * board mounts a drawer with its whole form, after the drawers' code has loaded.
 */
export async function drawerForm(page: Page, formId: string, timeout = UI_TIMEOUT): Promise<Locator> {
  const drawer = page.locator('.ant-drawer-open').filter({ has: page.locator(`[data-form-id="${formId}"]`) });
  await shown(drawer, timeout);
  return drawer;
}

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
export async function choose(item: Locator, option: string): Promise<void> {
  await item.locator('.ant-select-selector').click();
  // Its own dropdown: the one of a row added before may still be playing its closing animation.
  const dropdown = await dropdownOf(item.getByRole('combobox'));
  await dropdown.locator('.ant-select-item-option-content').getByText(option, { exact: true }).click();
}

/** Types a tag into a tags Select and confirms it with Enter. */
export async function addTag(page: Page, item: Locator, tag: string): Promise<void> {
  await item.getByRole('combobox').fill(tag);
  await page.keyboard.press('Enter');
}
