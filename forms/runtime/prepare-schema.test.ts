import { describe, expect, it } from 'vitest';
import { makeCycle, makeKeyResult, makeSettings } from '../../plugin/domain/test-factories.ts';
import { prepareFormSchema } from './prepare-schema.ts';
import { findNode } from './schema-node.ts';

const settings = makeSettings();

describe('prepareFormSchema', () => {
  it('refuses to prepare a form without the context it needs, naming what is missing', () => {
    expect(() => prepareFormSchema('check-in', { settings, cycle: makeCycle() })).toThrow(
      'forms/check-in：缺少 context.keyResult，请由页面传入后再渲染表单。',
    );
    expect(() => prepareFormSchema('peer-review', { settings, lang: 'en-US' })).toThrow(
      'forms/peer-review: context.reviewerId is missing; pass it from the page before rendering the form.',
    );
  });

  it('fills option lists from the context: months and quarters of the cycle', () => {
    const ctx = { settings, cycle: makeCycle(), keyResult: makeKeyResult() };
    const { schema } = prepareFormSchema('check-in', ctx);
    expect(findNode(schema, 'month')?.enum).toEqual(
      ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((m) => ({ label: m, value: m })),
    );
    const pool = prepareFormSchema('pool-run', ctx).schema;
    expect(findNode(pool, 'quarter')?.enum).toEqual([
      { label: '2026-Q1', value: '2026-Q1' },
      { label: '2026-Q2', value: '2026-Q2' },
    ]);
  });

  it('takes the title, help, unit and range of settings-backed fields from the settings schema', () => {
    const zh = findNode(prepareFormSchema('pool-run', { settings }).schema, 'capPercentOfEqualShare');
    const en = findNode(
      prepareFormSchema('pool-run', { settings, lang: 'en-US' }).schema,
      'capPercentOfEqualShare',
    );
    expect(zh).toMatchObject({ title: '封顶（平均份额的百分比）', 'x-component-props': { suffix: '%' } });
    expect(en).toMatchObject({
      title: 'Cap (share of an equal split)',
      description: 'Nobody gets more than this percentage of an equal split.',
    });
    const rule = ((en?.['x-validator'] ?? []) as { validator: (v: unknown) => string }[])[0];
    expect(rule?.validator(99)).toBe(
      'Cap (share of an equal split): must be a whole number from 100 to 1000; it is 99.',
    );
    expect(rule?.validator(150)).toBe('');
  });
});
