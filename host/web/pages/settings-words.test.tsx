// @vitest-environment jsdom

import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { SettingsPreview } from '../../../plugin/sdk/index.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { SettingsChangeList, SettingsDiff, SettingsPreviewView } from './SettingsPreviewView.tsx';

const minScore = { path: 'alignment.minScore', before: 60, after: 65 };

function inLang(lang: 'zh-CN' | 'en-US', node: React.ReactNode) {
  return render(<I18nextProvider i18n={createShellI18n(lang)}>{node}</I18nextProvider>);
}

describe('settings changes in words', () => {
  it('names a changed setting by its title from the settings schema, in both languages', () => {
    const { unmount } = inLang('en-US', <SettingsDiff changes={[minScore]} />);
    expect(screen.getByText('Minimum alignment score')).toBeTruthy();
    expect(screen.queryByText('alignment.minScore')).toBeNull();
    unmount();
    inLang('zh-CN', <SettingsChangeList changes={[minScore]} />);
    expect(screen.getByTestId('settings-change-list').textContent).toBe('最低对齐分：60 → 65');
  });

  it('says which KR of whom flips and what moved it across the line', () => {
    const preview: SettingsPreview = {
      at: '2026-06-15',
      changes: [minScore],
      alignmentFlips: [
        { krId: 'kr-1', before: { score: 60, aligned: true }, after: { score: 60, aligned: false } },
      ],
      alignmentRate: { before: 0.853, after: 0.8 },
      colours: [],
      escalations: [],
      poolShares: [],
    };
    inLang(
      'en-US',
      <SettingsPreviewView
        preview={preview}
        krTitle={() => 'New-energy deals in the east'}
        krOwner={() => '赵敏'}
        personName={(id) => id}
      />,
    );
    const item = screen.getByText('New-energy deals in the east (赵敏)').closest('li') as HTMLElement;
    expect(item.textContent).toContain('alignment score 60 (unchanged), threshold 60 → 65');
    expect(item.textContent).toContain('aligned → not aligned');
    expect(screen.getByText('85.3% → 80%')).toBeTruthy();
  });
});
