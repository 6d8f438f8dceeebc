import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { FormContext } from '../../forms/runtime/form-context.ts';
import { makeCycle, makeKeyResult, makeObjective, makeSettings } from '../../plugin/domain/test-factories.ts';

// jsdom's getComputedStyle over antd's many style tags makes the pointer-events check cost seconds.
export const user = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

/**
 * Renders without injecting antd's CSS-in-JS styles: jsdom's getComputedStyle walks every style
 * rule, which made each click and submit take seconds. Behaviour does not depend on the styles.
 */
export const renderForm = (ui: ReactElement) => render(<StyleProvider mock="server">{ui}</StyleProvider>);

export const NOW = '2026-04-03T08:00:00Z';

export const people = [
  { label: '张伟', value: 'person-1' },
  { label: '李娜', value: 'person-2' },
  { label: '王芳', value: 'person-3' },
];

export const objectives = [
  makeObjective(),
  makeObjective({ id: 'objective-high-margin', title: '提升高毛利产品占比', focusTags: ['high-margin'] }),
];

/** A context with everything any form needs; override per test. */
export const makeContext = (overrides: Partial<FormContext> = {}): FormContext => ({
  settings: makeSettings(),
  now: NOW,
  cycle: makeCycle(),
  objectives,
  keyResult: makeKeyResult(),
  reviewerId: 'person-1',
  options: { people, regions: [{ label: '华东', value: 'region-east' }] },
  ...overrides,
});

/** The Formily form item whose label is exactly `label`. */
export const item = (label: string): HTMLElement => {
  const labels = screen.getAllByText(label, { selector: 'label' });
  const found = labels.map((l) => l.closest('.ant-formily-item')).find((el) => el !== null);
  if (!found) throw new Error(`test: no form item labelled ${label}`);
  return found as HTMLElement;
};

export const queryItem = (label: string): HTMLElement | null =>
  (screen
    .queryAllByText(label, { selector: 'label' })[0]
    ?.closest('.ant-formily-item') as HTMLElement | null) ?? null;

export const inputOf = (label: string): HTMLInputElement => {
  const input = item(label).querySelector('input:not([type=radio]):not([type=checkbox]), textarea');
  if (!input) throw new Error(`test: ${label} has no text input`);
  return input as HTMLInputElement;
};

/** Replaces the text of a field. */
export const fill = async (label: string, text: string) => {
  const u = user();
  const input = inputOf(label);
  await u.clear(input);
  // One paste instead of typing key by key: each key re-renders the whole antd form.
  if (text !== '') {
    await u.click(input);
    await u.paste(text);
  }
};

/** Opens an antd Select in the item and picks the option with that label. */
export const choose = async (label: string, option: string, container: HTMLElement = item(label)) => {
  const selector = container.querySelector('.ant-select-selector');
  if (!selector) throw new Error(`test: ${label} is not a select`);
  fireEvent.mouseDown(selector);
  const dropdowns = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')];
  const dropdown = dropdowns.at(-1) as HTMLElement;
  const choice = await waitFor(() => {
    const found = [...dropdown.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.getAttribute('title') === option || el.textContent === option,
    );
    if (!found) throw new Error(`test: no option ${option} in ${label}`);
    return found;
  });
  await user().click(choice);
};

/** Clicks a radio button by its text within the item. */
export const pick = async (label: string, option: string) => {
  await user().click(within(item(label)).getByText(option));
};

/** antd puts a space between two CJK characters of a button, hence the pattern. */
export const button = (text: string) =>
  screen.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });

export const submit = async (text = '提交') => {
  await user().click(button(text));
};

/** The error text shown under a field (empty when valid). */
export const errorOf = (label: string): string =>
  item(label).querySelector('.ant-formily-item-error-help, .ant-formily-item-help')?.textContent ?? '';
