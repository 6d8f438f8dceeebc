import type { OperatorName } from './rule-types.ts';

type Compare = (factValue: unknown, compareTo: unknown) => boolean;

// Same test as json-rules-engine's default numeric operators, so the compiled path agrees with it.
function isNumberLike(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

function indexOf(list: unknown, value: unknown): number {
  return (list as unknown[]).indexOf(value);
}

/** The operators, with the semantics of json-rules-engine 7's defaults. */
export const OPERATOR_FUNCTIONS: Record<OperatorName, Compare> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexOf(b, a) > -1,
  notIn: (a, b) => indexOf(b, a) === -1,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
};
