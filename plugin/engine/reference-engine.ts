import { Engine, type RuleProperties } from 'json-rules-engine';
import type { FactSet, SubjectKind } from './fact-catalogue.ts';
import type { RuleSet } from './rule-types.ts';

/** One rule that fired, as json-rules-engine reports it. */
export interface ReferenceResult {
  name: string;
  type: string;
  params: Record<string, unknown>;
}

/**
 * json-rules-engine loaded with the rules of one subject: the reference the compiled rules are held
 * to (differential test, bench). Slow (about 100 µs per run); not for production evaluation.
 */
export function referenceEngine(
  ruleSet: RuleSet,
  subject: SubjectKind,
): (facts: FactSet) => Promise<ReferenceResult[]> {
  const engine = new Engine(
    ruleSet.bySubject[subject].map((rule) => rule.definition) as unknown as RuleProperties[],
    {
      replaceFactsInEventParams: true,
      allowUndefinedFacts: true,
    },
  );
  return async (facts) => {
    const { results } = await engine.run({ ...facts });
    return results.map((result) => ({
      name: result.name,
      type: result.event?.type ?? '',
      params: (result.event?.params as Record<string, unknown> | undefined) ?? {},
    }));
  };
}
