// @vitest-environment jsdom

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { inProcessServer } from '../in-process-test-server.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import { PersonChanges } from './PersonChanges.tsx';

const { server, signedIn } = pageTestServer(() => inProcessServer());

/** The people and regions as the organisation page loads them, for `login`. */
async function listsFor(login: string) {
  const client = await server.login(login);
  const people = (await client.get('/api/people')).body as {
    id: string;
    name: string;
    regionId: string | null;
    managerId: string | null;
  }[];
  const regions = (await client.get('/api/regions')).body as { id: string; name: string }[];
  return { client, people, regions };
}

/** Picks `label` in the antd select of the form item labelled `field`. */
async function pick(dialog: HTMLElement, field: string, label: string) {
  const item = within(dialog).getByText(field).closest('.ant-form-item') as HTMLElement;
  fireEvent.mouseDown(item.querySelector('.ant-select-selector') as Element);
  const selector = `.ant-select-item-option[title="${label}"]`;
  // The list is virtual: search for the name, as a person would with a long list.
  fireEvent.change(within(item).getByRole('combobox'), { target: { value: label } });
  await waitFor(() => expect(document.querySelector(selector)).toBeTruthy(), slow);
  await act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
  });
}

/** Types a date into the antd date picker of the form item labelled `field`. */
function typeDate(dialog: HTMLElement, field: string, date: string) {
  const item = within(dialog).getByText(field).closest('.ant-form-item') as HTMLElement;
  const input = within(item).getByRole('textbox');
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: date } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
}

describe('recording a leave and a move in the people list', { timeout: 90_000 }, () => {
  it('HR records a leave with a successor: confirmed in words, and the server has it', async () => {
    const { client, people, regions } = await listsFor(LOGINS.hr);
    const zhaomin = people.find((p) => p.id === 'person-zhaomin')!;
    const changed = vi.fn();
    await signedIn(
      LOGINS.hr,
      <PersonChanges person={zhaomin} people={people} regions={regions} onChanged={changed} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Leaving…' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    expect(within(dialog).getByText('Record leaving: 赵敏')).toBeTruthy();
    typeDate(dialog, 'Last working day', '2026-06-10');
    await pick(dialog, 'Successor', '孙浩');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: '个人原因' },
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    });
    await screen.findByText(/Recorded that 赵敏 leaves; \d+ key results handled\./, {}, slow);
    await waitFor(() => expect(changed).toHaveBeenCalled(), slow);
    const after = (await client.get('/api/people')).body.find(
      (p: { id: string }) => p.id === 'person-zhaomin',
    );
    expect(after.leftOn).toBe('2026-06-10');
    const krs = (await client.get('/api/key-results?cycleId=cycle-2026-h1')).body as {
      id: string;
      ownerId: string;
    }[];
    expect(krs.filter((k) => k.ownerId === 'person-zhaomin')).toEqual([]);
  });

  it('a region manager sees the tenure but no buttons', async () => {
    const { people, regions } = await listsFor(LOGINS.manager);
    const sunhao = people.find((p) => p.id === 'person-sunhao')!;
    await signedIn(
      LOGINS.manager,
      <PersonChanges person={sunhao} people={people} regions={regions} onChanged={() => {}} />,
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});
