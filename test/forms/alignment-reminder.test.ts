import { belowMessage } from '../../forms/runtime/behaviours/key-result.ts';
import { defaultSettings } from '../../plugin/engine/default-rules.ts';

// The form's reminder names the factor that is missing most, in both languages.
describe('key-result form reminder under the minimum score', () => {
  const settings = defaultSettings();
  const base = { score: 25, minScore: 60, below: true, settings } as const;

  it('asks for the link when the rationale is there (zh-CN, en-US)', () => {
    const factors = { linked: false, focusMatch: 0, rationale: true, managerConfirmed: false };
    expect(belowMessage({ ...base, factors, lang: 'zh-CN' })).toBe(
      '对齐分 25 低于最低分 60：尚未关联战略目标，关联后 +40 分。',
    );
    expect(belowMessage({ ...base, factors, lang: 'en-US' })).toContain(
      'link a strategic objective (+40 points)',
    );
  });

  it('asks for the rationale when the KR is linked', () => {
    const factors = { linked: true, focusMatch: 1, rationale: false, managerConfirmed: false };
    expect(belowMessage({ ...base, score: 55, factors, lang: 'zh-CN' })).toBe(
      '对齐分 55 低于最低分 60：请填写至少 10 字的对齐依据，补充后 +25 分。',
    );
  });
});
