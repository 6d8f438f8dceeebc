import { formatPercent } from './format-percent.ts';

describe('formatPercent', () => {
  it('writes one decimal at most and no space before the sign, in both languages', () => {
    expect(formatPercent(85.34, 'zh-CN')).toBe('85.3%');
    expect(formatPercent(85.35, 'en-US')).toBe('85.4%');
    expect(formatPercent(60, 'en-US')).toBe('60%');
    expect(formatPercent(0, 'zh-CN')).toBe('0%');
    expect(formatPercent(1234.5, 'en-US')).toBe('1,234.5%');
  });
});
