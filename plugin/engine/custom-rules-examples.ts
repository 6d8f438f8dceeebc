import type { CustomRuleDocument } from './custom-rules.ts';

const max = { fact: 'settings', path: '$.customRules.lowConfidence.max' } as const;

/** The example of issue 19: confidence at or under a new setting in two check-ins in a row. */
export const LOW_CONFIDENCE_RULES: CustomRuleDocument = {
  rules: [
    {
      name: 'low-confidence-twice',
      title: { 'zh-CN': '连续两次信心偏低', 'en-US': 'Low confidence in two check-ins in a row' },
      level: 'month',
      conditions: {
        all: [
          { fact: 'month', path: '$.confidence', operator: 'lessThanInclusive', value: max },
          { fact: 'month', path: '$.previousConfidence', operator: 'lessThanInclusive', value: max },
        ],
      },
      event: {
        type: 'custom.low-confidence',
        params: { confidence: { fact: 'month', path: '$.confidence' } },
      },
      settings: [
        {
          path: 'customRules.lowConfidence.max',
          title: { 'zh-CN': '信心偏低上限', 'en-US': 'Low confidence: at most' },
          minimum: 0,
          maximum: 10,
          default: 3,
        },
      ],
    },
  ],
};
