/** fast-check arbitraries for the engine's differential test: rules of the accepted subset, facts, settings. */
import fc from 'fast-check';
import type { Settings } from '../../plugin/domain/settings.ts';
import {
  type AccountFact,
  FACT_FIELDS,
  type FieldType,
  type KrFact,
  type MonthFact,
  type PoolFact,
  SUBJECT_FACTS,
  type SubjectKind,
} from '../../plugin/engine/fact-catalogue.ts';
import type { ConditionNode, FactCondition, RuleDefinition } from '../../plugin/engine/rule-types.ts';
import { EVENT_TYPES } from '../../plugin/engine/rule-types.ts';
import { SETTINGS_LEAF_PATHS } from '../../plugin/engine/settings-paths.ts';
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };

interface SchemaNode {
  minimum?: number;
  maximum?: number;
  const?: number;
  properties?: Record<string, SchemaNode>;
}

function settingsArbitrary(node: SchemaNode): fc.Arbitrary<unknown> {
  if (node.properties !== undefined) {
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, child] of Object.entries(node.properties)) record[key] = settingsArbitrary(child);
    return fc.record(record);
  }
  if (node.const !== undefined) return fc.constant(node.const);
  return fc.integer({ min: node.minimum ?? 0, max: node.maximum ?? 100 });
}

/** Settings with every leaf anywhere in its schema range (sums and order not enforced). */
export const settingsArb = settingsArbitrary(settingsSchema as SchemaNode) as fc.Arbitrary<Settings>;

// Small integers so facts often equal a threshold: the boundaries are where a compiler goes wrong.
const smallNumber = fc.oneof(fc.integer({ min: 0, max: 110 }), fc.double({ min: 0, max: 110, noNaN: true }));
const nullableNumber = fc.option(smallNumber, { nil: null, freq: 4 });
const id = fc.constantFrom('a', 'b', 'c');

export const krFactArb: fc.Arbitrary<KrFact> = fc.record({
  id,
  ownerType: fc.constantFrom('person' as const, 'region' as const),
  ownerId: id,
  score: smallNumber,
  linked: fc.boolean(),
  focusMatch: fc.double({ min: 0, max: 1, noNaN: true }),
  rationale: fc.boolean(),
  managerConfirmed: fc.boolean(),
  daysSinceUpdate: smallNumber,
  hasOwnUpdateInterval: fc.boolean(),
  ownUpdateIntervalDays: nullableNumber,
});

export const monthFactArb: fc.Arbitrary<MonthFact> = fc.record({
  month: fc.constantFrom('2026-01', '2026-02'),
  colour: fc.constantFrom('green' as const, 'amber' as const, 'red' as const),
  pacePercent: nullableNumber,
  amberStreak: fc.integer({ min: 0, max: 6 }),
  redStreak: fc.integer({ min: 0, max: 6 }),
  missing: fc.boolean(),
  dueDate: fc.constantFrom('2026-02-07', '2026-03-07'),
  confidence: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 4 }),
  previousConfidence: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 4 }),
});

export const accountFactArb: fc.Arbitrary<AccountFact> = fc.record({
  id,
  ownerId: id,
  daysSinceContact: nullableNumber,
  neverContacted: fc.boolean(),
});

export const poolFactArb: fc.Arbitrary<PoolFact> = fc.record({
  quarter: fc.constantFrom('2026-Q1', '2026-Q2'),
  poolCents: fc.integer({ min: 0, max: 1_000_000 }),
  eligibleCount: fc.integer({ min: 0, max: 20 }),
  excludedCount: fc.integer({ min: 0, max: 20 }),
  hasEligible: fc.boolean(),
});

/** All subject facts at once; a rule reads the ones of its subject. */
export const factSetArb = fc.record({
  settings: settingsArb,
  kr: krFactArb,
  month: monthFactArb,
  account: accountFactArb,
  pool: poolFactArb,
});

type Field = { fact: SubjectKind; name: string; type: FieldType };

function fieldsOf(subject: SubjectKind): Field[] {
  return SUBJECT_FACTS[subject].flatMap((fact) =>
    Object.entries(FACT_FIELDS[fact]).map(([name, type]) => ({ fact, name, type })),
  );
}

function leafArb(subject: SubjectKind): fc.Arbitrary<FactCondition> {
  const fields = fieldsOf(subject);
  const numberFields = fields.filter((field) => field.type.kind === 'number');
  const settingsRef = fc
    .constantFrom(...SETTINGS_LEAF_PATHS)
    .map((path) => ({ fact: 'settings' as const, path }));
  const numberRef = fc.oneof(
    settingsRef,
    fc.constantFrom(...numberFields).map((field) => ({ fact: field.fact, path: `$.${field.name}` })),
  );
  return fc.constantFrom(...fields).chain((field): fc.Arbitrary<FactCondition> => {
    const left = { fact: field.fact, path: `$.${field.name}` };
    const type = field.type;
    if (type.kind === 'number') {
      const operator = fc.constantFrom(
        'lessThan' as const,
        'lessThanInclusive' as const,
        'greaterThan' as const,
        'greaterThanInclusive' as const,
        'equal' as const,
        'notEqual' as const,
      );
      const compared = fc
        .record({ operator, value: numberRef })
        .map((rest): FactCondition => ({ ...left, ...rest }));
      if (!type.nullable) return compared;
      const nullCheck = fc
        .constantFrom('equal' as const, 'notEqual' as const)
        .map((op): FactCondition => ({ ...left, operator: op, value: null }));
      return fc.oneof(compared, nullCheck);
    }
    const values: (string | boolean)[] =
      type.kind === 'boolean'
        ? [true, false]
        : [...(type.kind === 'string' ? (type.values ?? ['a', 'b']) : [])];
    const single = fc.record({
      operator: fc.constantFrom('equal' as const, 'notEqual' as const),
      value: fc.constantFrom(...values),
    });
    const list = fc.record({
      operator: fc.constantFrom('in' as const, 'notIn' as const),
      value: fc.subarray(values, { minLength: 1 }),
    });
    return fc.oneof(single, list).map((rest) => ({ ...left, ...rest }) as FactCondition);
  });
}

function conditionArb(subject: SubjectKind): fc.Arbitrary<ConditionNode> {
  const { node } = fc.letrec<{ node: ConditionNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb(subject),
      fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('node') }),
    ),
  }));
  return node;
}

const SUBJECT_FACT: Record<SubjectKind, SubjectKind> = {
  kr: 'kr',
  month: 'month',
  account: 'account',
  pool: 'pool',
};

/** A rule of one subject whose conditions read at least that subject's fact. */
export function ruleArb(subject: SubjectKind, name: string): fc.Arbitrary<RuleDefinition> {
  const top = fc.oneof(
    fc.record({ all: fc.array(conditionArb(subject), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(conditionArb(subject), { minLength: 1, maxLength: 3 }) }),
  );
  const anchor = leafArb(subject).filter((leaf) => leaf.fact === SUBJECT_FACT[subject]);
  const field = fc.constantFrom(...fieldsOf(subject));
  return fc
    .record({
      top,
      anchor,
      type: fc.constantFrom(...EVENT_TYPES),
      paramField: field,
      priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      anchorPriority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      negate: fc.boolean(),
    })
    .map(({ top, anchor, type, paramField, priority, anchorPriority, negate }) => {
      const first = anchorPriority === undefined ? anchor : { ...anchor, priority: anchorPriority };
      const all: { all: ConditionNode[] } =
        'all' in top
          ? { all: [first, ...top.all] }
          : { all: [first, { any: (top as { any: ConditionNode[] }).any }] };
      // A negated root still reads the subject fact, so the rule keeps its subject.
      const conditions: RuleDefinition['conditions'] = negate ? { not: all } : all;
      const rule: RuleDefinition = {
        name,
        conditions,
        event: {
          type,
          params: {
            value: { fact: paramField.fact, path: `$.${paramField.name}` },
            threshold: { fact: 'settings', path: '$.alignment.minScore' },
            label: 'x',
          },
        },
      };
      if (priority !== undefined) rule.priority = priority;
      return rule;
    });
}
