import type { Conditions } from '../../../../plugin/automations/types.ts';
import { automationIssues } from '../../../../plugin/automations/validate.ts';
import { toConditions, toQuery } from './query-conditions.ts';

const south: Conditions = {
  all: [
    { fact: 'region', operator: 'equal', value: 'region-south' },
    {
      any: [
        { fact: 'colour', operator: 'in', value: ['amber', 'red'] },
        { fact: 'streak', operator: 'greaterThanInclusive', value: 2 },
      ],
    },
  ],
};

describe('query builder ⇄ json-rules-engine conditions', () => {
  it('round-trips nested all/any groups, lists and numbers', () => {
    const query = toQuery(south);
    expect(query).toMatchObject({
      combinator: 'and',
      rules: [{ field: 'region', operator: 'equal', value: 'region-south' }, { combinator: 'or' }],
    });
    expect(toConditions(query)).toEqual(south);
  });

  it('turns the builder’s text into numbers for number facts and comma lists into arrays', () => {
    const conditions = toConditions({
      combinator: 'or',
      rules: [
        { field: 'days', operator: 'greaterThan', value: '30' },
        { field: 'colour', operator: 'notIn', value: 'amber, red' },
        { combinator: 'and', rules: [] },
      ],
    });
    expect(conditions).toEqual({
      any: [
        { fact: 'days', operator: 'greaterThan', value: 30 },
        { fact: 'colour', operator: 'notIn', value: ['amber', 'red'] },
      ],
    });
    const doc = {
      version: 1,
      automations: [
        { id: 'a', title: 'a', enabled: true, trigger: 'kr-stale', conditions, steps: [{ type: 'raise' }] },
      ],
    };
    expect(automationIssues(doc)).toEqual([]);
  });

  it('has no conditions for an empty builder, and the validator names a number typed into a region', () => {
    expect(toConditions({ combinator: 'and', rules: [] })).toBeUndefined();
    expect(toQuery(undefined)).toEqual({ combinator: 'and', rules: [] });
    const conditions = toConditions({
      combinator: 'and',
      rules: [{ field: 'streak', operator: 'equal', value: 'two' }],
    });
    const doc = {
      version: 1,
      automations: [
        { id: 'a', title: 'a', enabled: true, trigger: 'escalate', conditions, steps: [{ type: 'raise' }] },
      ],
    };
    expect(automationIssues(doc)).toContainEqual(
      expect.objectContaining({ code: 'bad-value', path: 'automations[0].conditions.all[0].value' }),
    );
  });
});
