import { LOW_CONFIDENCE_RULES } from '../../../../plugin/engine/custom-rules-examples.ts';
import type { TopCondition } from '../../../../plugin/engine/rule-types.ts';
import { fieldsOfLevel, toConditions, toQuery } from './rule-query.ts';

describe('query builder ⇄ json-rules-engine conditions', () => {
  it('round-trips the low-confidence rule', () => {
    const conditions = LOW_CONFIDENCE_RULES.rules[0]!.conditions;
    expect(toQuery(conditions)).toEqual({
      combinator: 'and',
      rules: [
        {
          field: 'month.confidence',
          operator: 'lessThanInclusive',
          value: '$.customRules.lowConfidence.max',
        },
        {
          field: 'month.previousConfidence',
          operator: 'lessThanInclusive',
          value: '$.customRules.lowConfidence.max',
        },
      ],
    });
    expect(toConditions(toQuery(conditions), 'month')).toEqual(conditions);
  });

  it('round-trips nested any/not groups, enum lists and booleans', () => {
    const conditions: TopCondition = {
      all: [
        { fact: 'month', path: '$.colour', operator: 'in', value: ['amber', 'red'] },
        {
          not: {
            any: [
              { fact: 'kr', path: '$.managerConfirmed', operator: 'equal', value: true },
              {
                fact: 'kr',
                path: '$.score',
                operator: 'greaterThan',
                value: { fact: 'settings', path: '$.alignment.minScore' },
              },
            ],
          },
        },
      ],
    };
    expect(toConditions(toQuery(conditions), 'month')).toEqual(conditions);
  });

  it('drops fields the level does not have and empty groups', () => {
    const query = {
      combinator: 'and',
      rules: [
        { field: 'account.daysSinceContact', operator: 'greaterThan', value: '$.alerts.keyClientGapDays' },
        { field: 'kr.linked', operator: 'equal', value: 'false' },
        { combinator: 'or', rules: [] },
      ],
    };
    expect(toConditions(query, 'kr')).toEqual({
      all: [{ fact: 'kr', path: '$.linked', operator: 'equal', value: false }],
    });
  });

  it('offers a month rule the month and KR facts, with numeric operators only on numbers', () => {
    const fields = fieldsOfLevel('month');
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['month.confidence', 'kr.score']));
    expect(fields.find((f) => f.name === 'month.missing')?.operators).toEqual(['equal', 'notEqual']);
    expect(fieldsOfLevel('account').some((f) => f.fact === 'kr')).toBe(false);
  });
});
