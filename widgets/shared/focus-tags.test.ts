import { focusTagWords } from './focus-tags.ts';
import { widgetT } from './i18n.ts';

describe('focus tag words', () => {
  it('names known tags in both languages and keeps a tag HR typed as it is', () => {
    expect(focusTagWords('high-margin', widgetT('zh-CN'))).toBe('高毛利');
    expect(focusTagWords('new-energy', widgetT('en-US'))).toBe('New energy');
    expect(focusTagWords('海外', widgetT('zh-CN'))).toBe('海外');
  });
});
