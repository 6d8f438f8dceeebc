import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { FACTS, type FactName } from '../../../../plugin/automations/catalogue.ts';
import type { ConditionNode, Conditions, FactTest } from '../../../../plugin/automations/types.ts';

const LIST_OPERATORS = new Set(['in', 'notIn']);

/** json-rules-engine conditions → the query builder's group (operators keep their engine names). */
export function toQuery(conditions: Conditions | undefined): RuleGroupType {
  if (!conditions) return { combinator: 'and', rules: [] };
  const group = (node: { all: ConditionNode[] } | { any: ConditionNode[] }): RuleGroupType => ({
    combinator: 'all' in node ? 'and' : 'or',
    rules: ('all' in node ? node.all : node.any).map((child) =>
      'all' in child || 'any' in child
        ? group(child)
        : ({
            field: child.fact,
            operator: child.operator,
            value: Array.isArray(child.value) ? child.value.map(String) : child.value,
          } satisfies RuleType),
    ),
  });
  return group(conditions);
}

function ruleValue(rule: RuleType): FactTest['value'] {
  const numeric = FACTS[rule.field as FactName] === 'number';
  const one = (v: unknown) => {
    const written = String(v ?? '').trim();
    return numeric && written !== '' && Number.isFinite(Number(written)) ? Number(written) : written;
  };
  if (LIST_OPERATORS.has(rule.operator)) {
    const items: unknown[] = Array.isArray(rule.value) ? rule.value : String(rule.value ?? '').split(',');
    return items.map(one).filter((v) => v !== '');
  }
  return one(rule.value);
}

/** The query builder's group → json-rules-engine conditions; an empty group is no condition at all. */
export function toConditions(query: RuleGroupType): Conditions | undefined {
  const group = (g: RuleGroupType): Conditions => {
    const children: ConditionNode[] = g.rules.flatMap((r): ConditionNode[] => {
      if (typeof r === 'string') return [];
      if ('rules' in r) return r.rules.length > 0 ? [group(r as RuleGroupType)] : [];
      return [{ fact: r.field as FactName, operator: r.operator, value: ruleValue(r) }];
    });
    return g.combinator === 'or' ? { any: children } : { all: children };
  };
  return query.rules.length === 0 ? undefined : group(query);
}
