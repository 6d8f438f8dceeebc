// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { en } from '../page-test-server.tsx';
import { type KeyedStep, moveStep, StepsEditor } from './StepsEditor.tsx';

const steps: KeyedStep[] = [
  { key: 'a', step: { type: 'notify', to: [{ who: 'owner' }], inApp: true } },
  { key: 'b', step: { type: 'wait', days: 3 } },
  { key: 'c', step: { type: 'raise' } },
];
const choices = { people: [], channels: [], standardWords: true };

function Harness({ onChange }: { onChange: (s: KeyedStep[]) => void }) {
  const [list, setList] = useState(steps);
  return (
    <I18nextProvider i18n={en}>
      <StepsEditor
        steps={list}
        choices={choices}
        onChange={(next) => {
          setList(next);
          onChange(next);
        }}
      />
    </I18nextProvider>
  );
}

const titles = () =>
  screen.getAllByTestId('automation-step').map((s) => s.querySelector('.ant-card-head-title')?.textContent);

describe('the steps editor', { timeout: 60_000 }, () => {
  it('moves a step to where another one is', () => {
    expect(moveStep(steps, 'c', 'a').map((s) => s.key)).toEqual(['c', 'a', 'b']);
    expect(moveStep(steps, 'a', 'x')).toBe(steps);
  });

  it('reorders by dragging a step’s handle with the keyboard, and by its arrows', async () => {
    const errors = vi.spyOn(console, 'error');
    const changes: string[][] = [];
    render(<Harness onChange={(s) => changes.push(s.map((x) => x.step.type))} />);
    // jsdom lays nothing out: give each step a place so the keyboard sensor finds the next one.
    screen.getAllByTestId('automation-step').forEach((el, i) => {
      el.getBoundingClientRect = () => ({
        top: i * 100,
        left: 0,
        width: 300,
        height: 90,
        bottom: i * 100 + 90,
        right: 300,
        x: 0,
        y: i * 100,
        toJSON: () => ({}),
      });
    });
    expect(titles()).toEqual(['Step 1 · Notify', 'Step 2 · Wait', 'Step 3 · Raise to the next level']);
    const handle = screen.getByRole('button', { name: 'Drag to reorder Step 1' });
    await act(async () => {
      handle.focus();
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
      // The sensor listens for the moves from the next tick on.
      await new Promise((r) => setTimeout(r, 10));
    });
    await act(async () => {
      fireEvent.keyDown(document.activeElement ?? handle, { code: 'ArrowDown', key: 'ArrowDown' });
      await new Promise((r) => setTimeout(r, 10));
    });
    await act(async () => {
      fireEvent.keyDown(document.activeElement ?? handle, { code: 'Space', key: ' ' });
    });
    expect(changes.at(-1)).toEqual(['wait', 'notify', 'raise']);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Move down Step 2' }));
    });
    expect(titles()).toEqual(['Step 1 · Wait', 'Step 2 · Raise to the next level', 'Step 3 · Notify']);
    expect(errors).not.toHaveBeenCalled();
  });
});
