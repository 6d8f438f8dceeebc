// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { CustomRule } from '../../../../plugin/engine/custom-rules.ts';
import { LOW_CONFIDENCE_RULES } from '../../../../plugin/engine/custom-rules-examples.ts';
import { en } from '../page-test-server.tsx';
import { blankRule, RuleEditor } from './RuleEditor.tsx';

const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

/** Opens an antd select by its label and picks the option with that text. */
async function choose(within_: HTMLElement, label: string, option: string, index = 0) {
  const box = within(within_).getAllByRole('combobox', { name: label })[index]!;
  await act(async () => {
    fireEvent.mouseDown(box);
  });
  const options = await screen.findAllByTitle(option);
  await click(options.at(-1)!);
}

function renderEditor(value: CustomRule) {
  const saved: CustomRule[] = [];
  render(
    <I18nextProvider i18n={en}>
      <RuleEditor value={value} otherSettings={[]} onSave={(r) => saved.push(r)} onCancel={() => {}} />
    </I18nextProvider>,
  );
  return saved;
}

describe('the custom rule editor', { timeout: 120_000 }, () => {
  it('keeps an existing rule as it was when saved unchanged', async () => {
    const saved = renderEditor(LOW_CONFIDENCE_RULES.rules[0]!);
    expect(screen.getAllByText('Confidence this month').length).toBeGreaterThan(0);
    await click(screen.getByRole('button', { name: 'Keep in draft' }));
    expect(saved[0]).toEqual(LOW_CONFIDENCE_RULES.rules[0]);
  });

  it('builds “confidence at most a new setting” from the words on screen', async () => {
    const errors = vi.spyOn(console, 'error');
    const saved = renderEditor(blankRule());
    const editor = screen.getByTestId('rule-editor');
    fireEvent.change(screen.getByLabelText('Chinese name'), { target: { value: '信心偏低' } });
    fireEvent.change(screen.getByLabelText('English name'), { target: { value: 'Low confidence' } });
    fireEvent.change(screen.getByLabelText('Rule key (lowercase letters, digits, hyphens)'), {
      target: { value: 'low-confidence' },
    });
    fireEvent.change(screen.getByLabelText('Event key (after custom.)'), {
      target: { value: 'low-confidence' },
    });
    await click(screen.getByRole('button', { name: /Add a setting/ }));
    const setting = screen.getByTestId('declared-setting');
    fireEvent.change(within(setting).getByLabelText('Setting key (after customRules.)'), {
      target: { value: 'lowConfidence.max' },
    });
    fireEvent.change(within(setting).getByLabelText('English name'), {
      target: { value: 'Low confidence: at most' },
    });
    await click(screen.getByRole('button', { name: 'Add condition' }));
    await choose(editor, 'Field', 'A key result in one month · Confidence this month');
    await choose(editor, 'Operator', 'at most');
    await choose(editor, 'Value', 'Low confidence: at most');
    await click(screen.getByRole('button', { name: 'Keep in draft' }));
    expect(saved[0]).toMatchObject({
      name: 'low-confidence',
      title: { 'zh-CN': '信心偏低', 'en-US': 'Low confidence' },
      level: 'month',
      event: { type: 'custom.low-confidence' },
      settings: [{ path: 'customRules.lowConfidence.max', title: { 'en-US': 'Low confidence: at most' } }],
      conditions: {
        all: [
          {
            fact: 'month',
            path: '$.confidence',
            operator: 'lessThanInclusive',
            value: { fact: 'settings', path: '$.customRules.lowConfidence.max' },
          },
        ],
      },
    });
    expect(errors).not.toHaveBeenCalled();
  });
});
