import {
  alignmentCards,
  calibrationRows,
  monthsUpTo,
  radarData,
} from '../../../adapters/nocobase/client/board-data.ts';
import { flattenMessages } from '../../../adapters/nocobase/client/flatten-messages.ts';
import enUS from '../../../adapters/nocobase/locale/en-US.json' with { type: 'json' };
import zhCN from '../../../adapters/nocobase/locale/zh-CN.json' with { type: 'json' };
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import { demoSnapshot } from './demo.ts';

describe('nocobase block data', () => {
  const snapshot = demoSnapshot();
  const settings = defaultSettings();
  const at = '2026-03-31';
  const d = { snapshot, settings, at, evaluation: evaluate(snapshot, settings, at) };

  it('gives every KR a card whose warning follows the settings threshold', () => {
    const cards = alignmentCards(d);
    expect(cards).toHaveLength(snapshot.keyResults.length);
    for (const c of cards) expect(c.belowThreshold).toBe(c.score < settings.alignment.minScore);
    expect(cards.some((c) => c.belowThreshold)).toBe(true);
  });

  it('shows calibration rows of personal KRs for the months up to the date', () => {
    expect(monthsUpTo(d)).toEqual(['2026-01', '2026-02', '2026-03']);
    const rows = calibrationRows(d);
    expect(rows.every((r) => r.kr.ownerType === 'person')).toBe(true);
    expect(rows.every((r) => r.colours.every((c) => c.krId === r.kr.id))).toBe(true);
  });

  it('draws the radar of a sales rep against their region', () => {
    const r = radarData(d);
    expect(r.rep?.name).toBeTruthy();
    expect(Object.keys(r.team ?? {})).toHaveLength(6);
  });

  it('has the same flat keys in both locales', () => {
    expect(Object.keys(flattenMessages(enUS)).sort()).toEqual(Object.keys(flattenMessages(zhCN)).sort());
    expect(flattenMessages({ a: { b: 'x' } })).toEqual({ 'a.b': 'x' });
  });
});
