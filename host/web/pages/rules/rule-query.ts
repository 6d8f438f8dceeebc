import type { RuleGroupType, RuleType } from 'react-querybuilder';
import {
  FACT_FIELDS,
  type FieldType,
  SUBJECT_FACTS,
  type SubjectKind,
} from '../../../../plugin/engine/fact-catalogue.ts';
import type {
  ConditionNode,
  FactCondition,
  FactReference,
  Literal,
  OperatorName,
  TopCondition,
} from '../../../../plugin/engine/rule-types.ts';
import { NUMERIC_OPERATORS } from '../../../../plugin/engine/rule-types.ts';

/** One fact property a condition of a level may read, named as the builder's field: `month.confidence`. */
export interface LevelField {
  name: string;
  fact: SubjectKind;
  property: string;
  type: FieldType;
  operators: OperatorName[];
}

const LISTS = new Set<string>(['in', 'notIn']);

function operatorsOf(type: FieldType): OperatorName[] {
  if (type.kind === 'number')
    return ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual'];
  if (type.kind === 'string' && type.values !== undefined) return ['equal', 'notEqual', 'in', 'notIn'];
  return ['equal', 'notEqual'];
}

/** The fields of a level's facts (a month rule also reads its KR), with the operators the engine takes for each. */
export function fieldsOfLevel(level: SubjectKind): LevelField[] {
  return SUBJECT_FACTS[level].flatMap((fact) =>
    Object.entries(FACT_FIELDS[fact]).map(([property, type]) => ({
      name: `${fact}.${property}`,
      fact,
      property,
      type,
      operators: operatorsOf(type),
    })),
  );
}

const isReference = (v: FactReference | Literal): v is FactReference =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The builder shows a threshold as its settings path (`$.alignment.minScore`), a literal as text. */
function shownValue(value: FactReference | Literal): unknown {
  if (isReference(value)) return value.path;
  if (Array.isArray(value)) return value.map(String);
  return value === null ? '' : String(value);
}

/** json-rules-engine conditions → the query builder's group; `not` becomes the group's not toggle. */
export function toQuery(conditions: TopCondition | undefined): RuleGroupType {
  const group = (node: ConditionNode, not = false): RuleGroupType => {
    if ('not' in node) return group(node.not, !not);
    const children = 'all' in node ? node.all : 'any' in node ? node.any : [node];
    return {
      combinator: 'any' in node ? 'or' : 'and',
      ...(not ? { not: true } : {}),
      rules: children.map((child) =>
        'all' in child || 'any' in child || 'not' in child
          ? group(child)
          : ({
              field: `${child.fact}.${child.path.slice(2)}`,
              operator: child.operator,
              value: shownValue(child.value),
            } satisfies RuleType),
      ),
    };
  };
  return conditions ? group(conditions) : { combinator: 'and', rules: [] };
}

function literalOf(type: FieldType, written: unknown): string | boolean {
  const text = String(written ?? '').trim();
  if (type.kind === 'boolean') return text === 'true';
  return text;
}

function leafOf(rule: RuleType, fields: ReadonlyMap<string, LevelField>): FactCondition | null {
  const field = fields.get(rule.field);
  if (!field) return null;
  const operator = rule.operator as OperatorName;
  const left = { fact: field.fact, path: `$.${field.property}` };
  let value: FactReference | Literal;
  if (field.type.kind === 'number' || NUMERIC_OPERATORS.has(operator)) {
    // Thresholds are never literals: a number is compared with a setting.
    value = { fact: 'settings', path: String(rule.value ?? '') };
  } else if (LISTS.has(operator)) {
    const items: unknown[] = Array.isArray(rule.value) ? rule.value : String(rule.value ?? '').split(',');
    value = items.map((v) => literalOf(field.type, v)).filter((v) => v !== '');
  } else value = literalOf(field.type, rule.value);
  return { ...left, operator, value };
}

/** The query builder's group → json-rules-engine conditions of one level (`all` at the top). */
export function toConditions(query: RuleGroupType, level: SubjectKind): TopCondition {
  const fields = new Map(fieldsOfLevel(level).map((f) => [f.name, f]));
  const group = (g: RuleGroupType): ConditionNode => {
    const children = g.rules.flatMap((r): ConditionNode[] => {
      if (typeof r === 'string') return [];
      if ('rules' in r) return r.rules.length > 0 ? [group(r as RuleGroupType)] : [];
      const leaf = leafOf(r, fields);
      return leaf ? [leaf] : [];
    });
    const node: ConditionNode = g.combinator === 'or' ? { any: children } : { all: children };
    return g.not ? { not: node } : node;
  };
  const top = group(query);
  return ('not' in top ? { all: [top] } : top) as TopCondition;
}
