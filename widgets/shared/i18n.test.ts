import { STATEMENT_KEYS } from '../../plugin/domain/pool.ts';
import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };
import { addWidgetMessages, WIDGET_LOCALES, widgetT } from './i18n.ts';

function keys(messages: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('widget locales', () => {
  it('zh-CN and en-US have the same keys', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });

  it('defaults to zh-CN and switches to en-US', () => {
    expect(widgetT()('colour.red')).toBe('红');
    expect(widgetT('en-US')('colour.red')).toBe('Red');
  });

  it.each(WIDGET_LOCALES)('renders every pool statement key of plugin/domain in %s', (locale) => {
    const ts = widgetT(locale, 'statement');
    for (const key of STATEMENT_KEYS) expect(ts(key), key).not.toBe(key);
  });

  it('lets a host override a message', () => {
    addWidgetMessages('en-US', 'widgets', { board: { unlinked: 'Parking lot' } });
    expect(widgetT('en-US')('board.unlinked')).toBe('Parking lot');
    addWidgetMessages('en-US', 'widgets', { board: { unlinked: enUS.board.unlinked } });
    expect(widgetT('en-US')('board.unlinked')).toBe('Unlinked KRs');
  });
});
