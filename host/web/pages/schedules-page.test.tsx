// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { pageTestServer, slow } from './page-test-server.tsx';
import SchedulesPage from './SchedulesPage.tsx';

// The schedules page against the real reference host (SQLite in a temp dir, HTTP on loopback).
const { server, signedIn } = pageTestServer();

const reminderDay = () => screen.getByLabelText('Reminder day') as HTMLInputElement;

async function saveWith(day: string, reason: string) {
  await act(async () => {
    fireEvent.change(reminderDay(), { target: { value: day } });
    fireEvent.change(screen.getByLabelText('Reason for the change'), { target: { value: reason } });
  });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save as new version' }));
  });
}

describe('schedules page', { timeout: 60_000 }, () => {
  it('tells the user when someone saved first, shows their version and keeps it', async () => {
    await signedIn(LOGINS.hr, <SchedulesPage />);
    await screen.findByText('Shipped defaults in force (no version saved yet)', {}, slow);

    // Someone else saves while the page is open.
    const admin = await server.login(LOGINS.admin);
    const base = (await admin.get('/api/schedules')).body;
    const theirs = structuredClone(base.document);
    theirs.calibrationReminder.dayOfMonth = 7;
    const first = await admin.put('/api/schedules', {
      document: theirs,
      reason: 'move to 7th',
      baseVersion: 0,
    });
    expect(first.status).toBe(200);

    await saveWith('2', 'move to 2nd');
    const alert = await screen.findByRole('alert', {}, slow);
    expect(alert.textContent).toContain('Version 1 was saved by person-zhoulei while you were editing');
    await waitFor(() => expect(reminderDay().value).toBe('7'), slow);
    const stored = (await admin.get('/api/schedules')).body;
    expect(stored).toMatchObject({ version: 1, reason: 'move to 7th' });
    expect(stored.document.calibrationReminder.dayOfMonth).toBe(7);

    // Applied again on the version now shown, the change goes through.
    await saveWith('2', 'move to 2nd');
    await screen.findByText('Saved as version 2; it applies from the next run.', {}, slow);
    expect((await admin.get('/api/schedules')).body.document.calibrationReminder.dayOfMonth).toBe(2);
  });
});
