// @vitest-environment jsdom

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Client, DEMO_NOW, LOGINS } from '../../../test/server/helpers.ts';
import { caseStudySnapshot, demoAccounts } from '../../demo/case-study.ts';
import { buildApp } from '../../server/app.ts';
import { seedIfEmpty } from '../../server/seed.ts';
import { openStorage } from '../../server/storage/database.ts';
import CalibrationPage from './CalibrationPage.tsx';
import { type PageServer, pageTestServer, slow } from './page-test-server.tsx';

// The calibration page against the real reference host (SQLite in a temp dir, HTTP on loopback).
// Evaluated in process: under jsdom, `new URL()` is jsdom's and Node's Worker refuses it.
async function inProcessServer(): Promise<PageServer> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-calibration-'));
  const storage = await openStorage({ dataDir: dir });
  const now = () => new Date(DEMO_NOW);
  await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts, now(), { demo: true });
  const app = await buildApp({ storage, now, rulesDebounceMs: 10, evaluateInProcess: true });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async login(login: string) {
      const client = new Client(url);
      const res = await client.post('/api/auth/login', { login, password: 'demo1234' });
      if (res.status !== 200) throw new Error(`test: login ${login} failed: ${res.status}`);
      return client;
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const { server, signedIn } = pageTestServer(inProcessServer);

/** The queue row of the one open resource-request escalation this test raised. */
async function queueRow(krTitle: string): Promise<HTMLElement> {
  const queue = (await screen.findByText('Escalation queue', {}, slow)).closest('.ant-card') as HTMLElement;
  let row: HTMLElement | undefined;
  await waitFor(() => {
    row = within(queue)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes(krTitle) && r.textContent.includes('Resource request'));
    expect(row).toBeTruthy();
  }, slow);
  return row as HTMLElement;
}

describe('assigning an escalation on the calibration page', { timeout: 120_000 }, () => {
  let escalationId = '';
  let krTitle = '';

  beforeAll(async () => {
    const sales = await server.login(LOGINS.sales);
    krTitle = (await sales.get('/api/key-results/kr-zhaomin-1')).body.title;
    const raised = await sales.post('/api/escalations', {
      krId: 'kr-zhaomin-1',
      month: '2026-06',
      reason: 'resource-request',
      detail: 'need a presales engineer',
    });
    expect(raised.status).toBe(201);
    expect(raised.body.assigneeId).toBe('person-chenzhiqiang');
    escalationId = raised.body.id;
  });

  it('offers only the people the server accepts, and saves the pick', async () => {
    await signedIn(LOGINS.manager, <CalibrationPage />);
    const row = await queueRow(krTitle);
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Assign' }));
    });
    const dialog = await screen.findByRole('dialog', { name: 'Assign escalation' }, slow);
    fireEvent.mouseDown(dialog.querySelector('.ant-select-selector') as Element);
    await waitFor(
      () => expect(document.querySelectorAll('.ant-select-item-option').length).toBeGreaterThan(0),
      slow,
    );
    const offered = [...document.querySelectorAll('.ant-select-item-option')].map((o) =>
      o.getAttribute('title'),
    );
    // East's manager, HR and the admin; never a rep or another region's manager.
    expect(offered).toEqual(['陈志强 · Manager', '林雪 · HR', '周磊 · Admin']);

    await act(async () => {
      fireEvent.click(document.querySelector('.ant-select-item-option[title="林雪 · HR"]') as HTMLElement);
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Assign escalation' })).toBeNull(), slow);

    const hr = await server.login(LOGINS.hr);
    const stored = (await hr.get('/api/escalations?state=open')).body.find(
      (e: { id: string }) => e.id === escalationId,
    );
    expect(stored.assigneeId).toBe('person-linxue');
    await waitFor(async () => expect((await queueRow(krTitle)).textContent).toContain('林雪'), slow);
  });

  it('shows no assign button to a rep', async () => {
    await signedIn(LOGINS.sales, <CalibrationPage />);
    const row = await queueRow(krTitle);
    expect(within(row).queryByRole('button', { name: 'Assign' })).toBeNull();
    expect(within(row).getByRole('button', { name: 'Resolve' })).toBeTruthy();
  });
});
