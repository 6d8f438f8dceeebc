import type { FactName, FactSet } from './fact-catalogue.ts';
import { pathSegments } from './json-path.ts';
import { OPERATOR_FUNCTIONS } from './operators.ts';
import type { ConditionNode, FactReference, Literal, RuleDefinition } from './rule-types.ts';

type Getter = (facts: FactSet) => unknown;
type Predicate = (facts: FactSet) => boolean;

function walk(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Reads a fact the way json-rules-engine's almanac does: the path applies to objects only. */
export function compileFactReader(fact: FactName, path: string): Getter {
  const segments = pathSegments(path);
  if (segments.length === 1) {
    const key = segments[0]!;
    return (facts) => {
      const value = facts[fact];
      return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : value;
    };
  }
  return (facts) => {
    const value = facts[fact];
    return value !== null && typeof value === 'object' ? walk(value, segments) : value;
  };
}

function isFactReference(value: FactReference | Literal | undefined): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileValue(value: FactReference | Literal): Getter {
  if (isFactReference(value)) return compileFactReader(value.fact, value.path);
  return () => value;
}

function byPriority(nodes: readonly ConditionNode[]): ConditionNode[] {
  // json-rules-engine runs higher-priority conditions first; the result is the same, the order only saves work.
  return [...nodes].sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1));
}

/** Compiles a validated condition tree into one predicate. */
export function compileCondition(node: ConditionNode): Predicate {
  if ('all' in node) {
    const parts = byPriority(node.all).map(compileCondition);
    if (parts.length === 1) return parts[0]!;
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const parts = byPriority(node.any).map(compileCondition);
    if (parts.length === 1) return parts[0]!;
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const inner = compileCondition(node.not);
    return (facts) => !inner(facts);
  }
  const left = compileFactReader(node.fact, node.path);
  const compare = OPERATOR_FUNCTIONS[node.operator];
  if (isFactReference(node.value)) {
    const right = compileValue(node.value);
    return (facts) => compare(left(facts), right(facts));
  }
  const literal = node.value;
  return (facts) => compare(left(facts), literal);
}

/** Compiles event params: fact references are read per evaluation, literals are copied. */
export function compileParams(rule: RuleDefinition): (facts: FactSet) => Record<string, unknown> {
  const entries = Object.entries(rule.event.params ?? {});
  const keys = entries.map(([key]) => key);
  const readers = entries.map(([, value]) => compileValue(value));
  return (facts) => {
    const params: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) params[keys[i]!] = readers[i]!(facts);
    return params;
  };
}
