// @vitest-environment jsdom

import { fireEvent, screen } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import ImportPage from './ImportPage.tsx';
import { inProcessServer } from './in-process-test-server.ts';
import { en, pageTestServer, slow } from './page-test-server.tsx';

const { signedIn } = pageTestServer(() => inProcessServer());

const choose = (container: HTMLElement, file: File) => {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [file] } });
};

describe('the import page', { timeout: 60_000 }, () => {
  it('refuses a .txt file at once, naming the accepted types, and sends nothing', async () => {
    const { container } = await signedIn(LOGINS.hr, <ImportPage />);
    choose(container, new File(['Person,Month\n赵敏,2026-05\n'], 'notes.txt', { type: 'text/plain' }));
    const alert = await screen.findByRole('alert', {}, slow);
    expect(alert.textContent).toContain(
      '“notes.txt” cannot be imported: only .xlsx or .csv files are accepted',
    );
    expect(screen.queryByText('Check (writes nothing)')).toBeNull();
  });

  // The page words each issue the server lists (row, column, value: test/server/import-refusals.test.ts).
  it('words a person it could not match by row, column and value', () => {
    const zh = createShellI18n('zh-CN');
    const issue = { row: 4, column: '姓名', value: '李雷' };
    expect(zh.t('import.reasons.unknown-person', issue)).toBe(
      '第 4 行：找不到姓名或编号为「李雷」的人员（「姓名」列按 姓名 或 人员编号 匹配）',
    );
    expect(en.t('import.reasons.unknown-person', issue)).toBe(
      'Row 4: no person has the name or id “李雷” (column “姓名” is matched by name or person id)',
    );
  });
});
