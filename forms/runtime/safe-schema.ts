import { isPlainObject, type SchemaNode } from './schema-node.ts';

/** Component names a form schema may use; the renderer registers exactly these. */
export const ALLOWED_COMPONENTS: readonly string[] = [
  'Input',
  'Input.TextArea',
  'NumberPicker',
  'Select',
  'DatePicker',
  'Radio.Group',
  'Switch',
  'Space',
  'ArrayItems',
  'ArrayItems.Addition',
  'ArrayItems.Remove',
  'ArrayItems.Index',
  'ArrayItems.SortHandle',
  'AlignmentScore',
  'ColourSuggestion',
  'SettingsSection',
];

export const ALLOWED_DECORATORS: readonly string[] = ['FormItem', 'ArrayItems.Item'];

/**
 * Keys refused anywhere in a form schema. Formily runs `x-reactions` `fulfill.run` strings as code
 * even without `{{ }}`, so reactions live in per-form effect hooks (forms/runtime/behaviours) instead.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['x-reactions', 'x-scope', 'x-compile-omitted'];

export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `properties.title.title`. */
  where: string;
  kind: 'expression' | 'not-data' | 'forbidden-key' | 'component';
  detail: string;
}

/** Formily compiles strings matching `{{ … }}` with `new Function`; we refuse any `{{` at all. */
export const hasExpression = (text: string): boolean => text.includes('{{');

/**
 * Every reason the value is not plain, inert JSON data: an expression `{{` in any key or string,
 * a function or other non-JSON value, a forbidden key, or a component or decorator outside the
 * allow-lists. An empty list means Formily can render it without running anything from it.
 */
export const schemaProblems = (schema: unknown): SchemaProblem[] => {
  const problems: SchemaProblem[] = [];
  const visit = (value: unknown, where: string, key: string | null) => {
    if (typeof value === 'string') {
      if (hasExpression(value)) problems.push({ where, kind: 'expression', detail: value });
      if (key === 'x-component' && !ALLOWED_COMPONENTS.includes(value))
        problems.push({ where, kind: 'component', detail: value });
      if (key === 'x-decorator' && !ALLOWED_DECORATORS.includes(value))
        problems.push({ where, kind: 'component', detail: value });
      return;
    }
    if (value === null || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) problems.push({ where, kind: 'not-data', detail: String(value) });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, `${where}[${i}]`, null);
      });
      return;
    }
    if (!isPlainObject(value)) {
      problems.push({ where, kind: 'not-data', detail: typeof value });
      return;
    }
    for (const [childKey, child] of Object.entries(value)) {
      const childWhere = where ? `${where}.${childKey}` : childKey;
      if (hasExpression(childKey)) problems.push({ where: childWhere, kind: 'expression', detail: childKey });
      if (FORBIDDEN_KEYS.includes(childKey))
        problems.push({ where: childWhere, kind: 'forbidden-key', detail: childKey });
      visit(child, childWhere, childKey);
    }
  };
  visit(schema, '', null);
  return problems;
};

/** The schema, typed, after checking it is inert data; throws naming every problem otherwise. */
export const compileSafeSchema = (schema: unknown, source: string): SchemaNode => {
  const problems = schemaProblems(schema);
  if (problems.length > 0 || !isPlainObject(schema)) {
    const list = problems.map((p) => `${p.where || '(root)'}: ${p.kind} ${JSON.stringify(p.detail)}`);
    throw new Error(
      `${source}: refused an unsafe form schema (${list.join('; ') || 'not an object'}). ` +
        'Form schemas must be plain data: no {{ }} expressions, no x-reactions, only allow-listed components.',
    );
  }
  return schema as SchemaNode;
};
