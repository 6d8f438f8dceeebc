import {
  AUDIENCES,
  FACT_VALUES,
  FACTS,
  LIFECYCLE_TRIGGERS,
  OPERATORS_BY_KIND,
  PLACEHOLDERS,
  RULE_TRIGGERS,
  STEP_TYPES,
} from './catalogue.ts';

/** The vocabulary an editor offers (ids only: every host words them from its locale files). */
export const CATALOGUE = {
  ruleTriggers: RULE_TRIGGERS,
  lifecycleTriggers: LIFECYCLE_TRIGGERS,
  facts: Object.entries(FACTS).map(([name, kind]) => ({
    name,
    kind,
    operators: OPERATORS_BY_KIND[kind],
    values: FACT_VALUES[name as keyof typeof FACTS] ?? null,
  })),
  placeholders: PLACEHOLDERS,
  audiences: AUDIENCES,
  stepTypes: STEP_TYPES,
} as const;
