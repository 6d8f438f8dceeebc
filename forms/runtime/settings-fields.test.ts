import { describe, expect, it } from 'vitest';
import { makeSettings } from '../../plugin/domain/test-factories.ts';
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };
import { type SchemaNode, walkNodes } from './schema-node.ts';
import { linkedSettingPaths, settingsProblems, settingValueProblem } from './settings-fields.ts';
import { settingsFormSchema } from './settings-form-schema.ts';

type JsonNode = {
  properties?: Record<string, JsonNode>;
  title?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
};
const leaves = (node: JsonNode, prefix = ''): [string, JsonNode][] =>
  Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return child.properties ? leaves(child, path) : [[path, child] as [string, JsonNode]];
  });

describe('settingsProblems', () => {
  it('finds nothing wrong with the shipped defaults', () => {
    expect(settingsProblems(makeSettings(), 'zh-CN')).toEqual([]);
  });

  it('checks every bounded setting at both ends of its range, naming the setting and the range', () => {
    for (const [path, node] of leaves(settingsSchema as JsonNode)) {
      if (node.minimum === undefined || node.maximum === undefined) continue;
      for (const bad of [node.minimum - 1, node.maximum + 1]) {
        const doc = makeSettings();
        const keys = path.split('.');
        const last = keys.pop() as string;
        const parent = keys.reduce<Record<string, unknown>>(
          (o, k) => o[k] as Record<string, unknown>,
          doc as never,
        );
        parent[last] = bad;
        const problem = settingsProblems(doc, 'zh-CN').find((p) => p.path === path && p.code === 'range');
        expect(problem?.message, path).toBe(
          `${node.title}：必须是 ${node.minimum} 到 ${node.maximum} 之间的整数，当前为 ${bad}。`,
        );
      }
    }
  });

  it('refuses fractions and missing values, in English too', () => {
    const doc = makeSettings({ alerts: { keyClientGapDays: 90.5 } }) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    delete doc.peerReview?.minReviewers;
    const problems = settingsProblems(doc, 'en-US');
    expect(problems).toContainEqual({
      path: 'alerts.keyClientGapDays',
      code: 'integer',
      message: 'Key-client contact gap: must be a whole number (range 1–365); it is 90.5.',
    });
    expect(problems).toContainEqual({
      path: 'peerReview.minReviewers',
      code: 'required',
      message: 'Minimum reviewers: required (range 1–20).',
    });
  });

  it('enforces x-sum on every field of the group', () => {
    const problems = settingsProblems(makeSettings({ alignment: { weights: { linked: 45 } } }), 'zh-CN');
    expect(problems.map((p) => p.path)).toEqual([
      'alignment.weights.linked',
      'alignment.weights.focusMatch',
      'alignment.weights.rationale',
      'alignment.weights.managerConfirmed',
    ]);
    expect(problems[0]?.message).toBe(
      '对齐分因子权重：显性关联战略 O、与 O 的重点标签一致、已填写对齐依据、经理已确认 之和必须为 100，当前为 105。',
    );
    expect(settingsProblems(makeSettings({ contribution: { peerWeight: 30 } }), 'en-US')[0]?.message).toBe(
      'Goal contribution value: Peer review weight, System data weight must add up to 100; they add up to 90.',
    );
  });

  it('enforces x-ascending (a <= b) and allows equality', () => {
    const wrong = settingsProblems(makeSettings({ calibration: { amberMinPacePercent: 95 } }), 'zh-CN');
    expect(wrong.map((p) => [p.path, p.code])).toEqual([
      ['calibration.amberMinPacePercent', 'ascending'],
      ['calibration.greenMinPacePercent', 'ascending'],
    ]);
    expect(wrong[0]?.message).toBe('黄灯最低进度比（95）不能大于 绿灯最低进度比（90）。');
    expect(settingsProblems(makeSettings({ calibration: { amberMinPacePercent: 90 } }), 'zh-CN')).toEqual([]);
  });

  it('knows which fields are linked by x-sum and x-ascending', () => {
    expect(linkedSettingPaths('contribution.peerWeight')).toEqual(['contribution.systemWeight']);
    expect(linkedSettingPaths('peerReview.trimMinReviewers')).toEqual(['peerReview.minReviewers']);
    expect(linkedSettingPaths('alerts.krStaleDays')).toEqual([]);
  });

  it('checks a single value by path', () => {
    expect(settingValueProblem('pool.ratePercent', 15, 'zh-CN')).toBeUndefined();
    expect(settingValueProblem('pool.ratePercent', 101, 'zh-CN')?.message).toContain('激励池比例');
  });
});

describe('settingsFormSchema', () => {
  it('has one field per setting, labelled and explained from the schema in each language', () => {
    const expected = leaves(settingsSchema as JsonNode);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const fields: [string, SchemaNode][] = [];
      walkNodes(settingsFormSchema(lang), (node, path) => {
        if (node.type === 'number' || node['x-component'] === 'Select') fields.push([path, node]);
      });
      expect(fields.map(([p]) => p)).toEqual(expected.map(([p]) => p));
      for (const [path, node] of fields) {
        if (path === 'schemaVersion') {
          expect(node['x-display']).toBe('hidden');
          continue;
        }
        const source = expected.find(([p]) => p === path)?.[1] as JsonNode & {
          description?: string;
          'x-i18n'?: { 'en-US': { title: string; description?: string } };
        };
        expect(node.title).toBe(lang === 'zh-CN' ? source.title : source['x-i18n']?.['en-US'].title);
        expect(node.description).toBe(
          lang === 'zh-CN'
            ? source.description
            : (source['x-i18n']?.['en-US'].description ?? source.description),
        );
        expect(node['x-component']).toBe(source.enum ? 'Select' : 'NumberPicker');
      }
    }
  });

  it('offers a choice setting as a select with the value titles of each language', () => {
    const mode = (lang: 'zh-CN' | 'en-US') =>
      settingsFormSchema(lang).properties?.pool?.properties?.tenure?.properties?.mode;
    expect(mode('zh-CN')?.enum).toEqual([
      { label: '按在岗天数比例', value: 'pro-rata-days' },
      { label: '季度末在岗计全额', value: 'full-if-present-on-end' },
      { label: '在岗不足天数不参与', value: 'exclude-if-under-days' },
    ]);
    expect((mode('en-US')?.enum as { label: string }[] | undefined)?.[0]?.label).toBe(
      'Pro-rata by days present',
    );
    const wrong = makeSettings();
    wrong.pool.tenure = { mode: 'half' as never, minDays: 30 };
    expect(settingsProblems(wrong, 'en-US')).toEqual([
      {
        path: 'pool.tenure.mode',
        code: 'required',
        message:
          'Tenure rule: pick one of Pro-rata by days present / Full if present at quarter end / None under the minimum days.',
      },
    ]);
  });

  it('shows units from the locale files', () => {
    const zh = settingsFormSchema('zh-CN').properties?.alerts?.properties?.keyClientGapDays;
    const en = settingsFormSchema('en-US').properties?.alerts?.properties?.keyClientGapDays;
    expect(zh?.['x-component-props']).toMatchObject({ suffix: '天', precision: 0 });
    expect(en?.['x-component-props']).toMatchObject({ suffix: 'days' });
  });
});
