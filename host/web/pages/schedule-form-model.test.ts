import defaults from '../../../rules/schedules.defaults.json' with { type: 'json' };
import { type ScheduleField, scheduleFormFields, toIntegers } from './schedule-form-model.ts';

const leaves = (fields: ScheduleField[]): ScheduleField[] =>
  fields.flatMap((f) => (f.kind === 'section' ? leaves(f.children ?? []) : [f]));

function leafPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path.join('.')];
}

describe('schedule form from rules/schedules.schema.json', () => {
  it('has one field for every value of the schedule document', () => {
    const fields = leaves(scheduleFormFields('en-US')).map((f) => f.path.join('.'));
    expect(new Set(fields)).toEqual(new Set(leafPaths(defaults)));
  });

  it('labels fields in the chosen language and reads kinds, ranges and formats off the schema', () => {
    const byPath = (lang: 'zh-CN' | 'en-US') =>
      new Map(leaves(scheduleFormFields(lang)).map((f) => [f.path.join('.'), f]));
    const en = byPath('en-US');
    const zh = byPath('zh-CN');
    expect(en.get('catchUpHours')).toMatchObject({
      kind: 'integer',
      title: 'Catch-up window',
      minimum: 1,
      maximum: 48,
      unit: 'h',
    });
    expect(zh.get('catchUpHours')?.title).toBe('补发时限');
    expect(en.get('schemaVersion')?.kind).toBe('fixed');
    expect(en.get('dailyAlerts.enabled')?.kind).toBe('boolean');
    expect(en.get('kickoff.months')).toMatchObject({
      kind: 'integers',
      minimum: 1,
      maximum: 12,
      minItems: 1,
    });
    expect(en.get('monthlyReport.holidays')?.kind).toBe('texts');
    const time = en.get('dailyAlerts.time');
    expect(time?.pattern?.test('08:30')).toBe(true);
    expect(time?.pattern?.test('24:00')).toBe(false);
    expect(en.get('peerReview.windows.q3.opensOn')?.title).toBe('Opens on');
  });

  it('turns typed tags into sorted whole numbers', () => {
    expect(toIntegers(['7', 1, '1', 'x', '2.5'])).toEqual([1, 7]);
    expect(toIntegers(undefined)).toEqual([]);
  });
});
