import widgetEn from '../../../../widgets/locale/en-US.json' with { type: 'json' };
import widgetZh from '../../../../widgets/locale/zh-CN.json' with { type: 'json' };
import { resourceKindWords } from './resource-kind.ts';

// One word table: the calibration board's tooltip says what the rep chose in the check-in form.
describe('resource kind words', () => {
  it.each([
    ['zh-CN', widgetZh],
    ['en-US', widgetEn],
  ] as const)('the board (%s) uses the check-in form’s own words', (lang, widget) => {
    for (const [kind, word] of Object.entries(widget.calibration.resourceKind))
      expect(word.toLowerCase()).toBe(resourceKindWords(kind, lang).toLowerCase());
  });

  it('says 人员 for people, as the form offers it', () => {
    expect(resourceKindWords('people', 'zh-CN')).toBe('人员');
    expect(resourceKindWords('people', 'en-US')).toBe('People');
  });
});
