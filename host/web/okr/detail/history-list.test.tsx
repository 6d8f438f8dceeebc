// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { KrHistoryRow } from '../../api/endpoints.ts';
import { createShellI18n } from '../../i18n/i18n.ts';
import { HistoryList } from './HistoryList.tsx';

const ZONE = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterEach(() => {
  cleanup();
  if (ZONE === undefined) delete process.env.TZ;
  else process.env.TZ = ZONE;
});

const HOUR = 3_600_000;
const row = (id: number, at: string): KrHistoryRow => ({
  id,
  at,
  action: 'keyResult.create',
  subjectType: 'keyResult',
  before: null,
  after: { title: 'x' },
  actor: { kind: 'person', name: '赵敏' },
});

function show(lang: 'zh-CN' | 'en-US', rows: KrHistoryRow[]) {
  render(
    <I18nextProvider i18n={createShellI18n(lang)}>
      <HistoryList rows={rows} nameOf={(id) => id} />
    </I18nextProvider>,
  );
  return screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
}

describe('HistoryList times', () => {
  it("shows the reader's local time in Chinese, not the UTC text", () => {
    const [line] = show('zh-CN', [row(1, '2026-12-03T06:30:00.000Z')]);
    expect(line).toContain('2026/12/03 14:30');
    expect(line).not.toContain('06:30');
    expect(line).toContain('前');
  });

  it('writes English dates and how long ago for an English reader', () => {
    const recent = new Date(Date.now() - 3 * HOUR).toISOString();
    const [old, fresh] = show('en-US', [row(1, '2026-12-03T06:30:00.000Z'), row(2, recent)]);
    expect(old).toContain('12/03/2026 2:30 PM');
    expect(fresh).toContain('3 hours ago');
    expect(screen.getAllByText((_, el) => el?.tagName === 'TIME')[1]?.getAttribute('datetime')).toBe(recent);
  });
});
