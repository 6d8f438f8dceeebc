import { cycleMonths, quarterOf } from '../../plugin/domain/index.ts';
import type { DataSourceName, FormContext } from './form-context.ts';
import { type EnumOption, type SchemaNode, walkNodes } from './schema-node.ts';

const plain = (values: string[]): EnumOption[] => values.map((v) => ({ label: v, value: v }));

/** Option lists derived from the context, overridden by `context.options`. */
export const resolveOptions = (ctx: FormContext): Record<DataSourceName, EnumOption[]> => {
  const objectives = ctx.objectives ?? [];
  const months = ctx.cycle ? cycleMonths(ctx.cycle) : [];
  const derived: Record<DataSourceName, EnumOption[]> = {
    people: [],
    regions: [],
    cycles: ctx.cycle ? [{ label: ctx.cycle.name, value: ctx.cycle.id }] : [],
    objectives: objectives.map((o) => ({ label: o.title, value: o.id })),
    focusTags: plain([...new Set(objectives.flatMap((o) => o.focusTags))]),
    cycleMonths: plain(months),
    quarters: plain([...new Set(months.map(quarterOf))]),
  };
  return { ...derived, ...ctx.options };
};

/** Returns the schema with every `x-data-source` node's `enum` filled from the option lists. */
export const fillDataSources = (
  schema: SchemaNode,
  options: Record<DataSourceName, EnumOption[]>,
): SchemaNode => {
  const copy = structuredClone(schema);
  walkNodes(copy, (node) => {
    const source = node['x-data-source'];
    if (source && source in options) node.enum = options[source as DataSourceName];
  });
  return copy;
};
