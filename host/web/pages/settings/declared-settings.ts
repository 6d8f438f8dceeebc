import type { Settings } from '../../../../plugin/domain/settings.ts';
import type { SettingsChange } from '../../../../plugin/sdk/index.ts';
import type { ShellLang } from '../../i18n/i18n.ts';

/** A setting a published custom rule declares, as `GET /api/settings/schema` gives it. */
export interface DeclaredField {
  /** Dotted, under `customRules.`. */
  path: string;
  title: string;
  minimum: number;
  maximum: number;
  default: number;
}

interface SchemaNode {
  type?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  'x-i18n'?: Partial<Record<ShellLang, { title?: string }>>;
}

/** The declared settings in the served schema (the number leaves under `customRules`), titled in `lang`. */
export function declaredFields(schema: unknown, lang: ShellLang): DeclaredField[] {
  const out: DeclaredField[] = [];
  const walk = (node: SchemaNode, path: string) => {
    if (node.properties) {
      for (const [key, child] of Object.entries(node.properties)) walk(child, `${path}.${key}`);
      return;
    }
    if (node.type !== 'number' || typeof node.minimum !== 'number' || typeof node.maximum !== 'number')
      return;
    out.push({
      path,
      title: (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.title) ?? node.title ?? path,
      minimum: node.minimum,
      maximum: node.maximum,
      default: typeof node.default === 'number' ? node.default : node.minimum,
    });
  };
  const root = (schema as SchemaNode | null)?.properties?.customRules;
  if (root) walk(root, 'customRules');
  return out;
}

const read = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as never)[key] : undefined),
      doc,
    );

/** The value a rule reads: HR's, else the declared default. */
export const declaredValue = (settings: unknown, field: DeclaredField): number =>
  numberOr(read(settings, field.path), field.default);

const numberOr = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** `settings` with HR's values of the declared settings set (`values` by path). */
export function withDeclared(settings: Settings, values: ReadonlyMap<string, number>): Settings {
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  for (const [path, value] of values) {
    const segments = path.split('.');
    let node = copy;
    for (const s of segments.slice(0, -1)) {
      if (node[s] === null || typeof node[s] !== 'object') node[s] = {};
      node = node[s] as Record<string, unknown>;
    }
    node[segments.at(-1)!] = value;
  }
  return copy as unknown as Settings;
}

/** The problem of a value against its declared range, in the words of `t`; undefined when it is fine. */
export function rangeProblem(
  field: DeclaredField,
  value: number | null,
  t: (key: string, params?: Record<string, unknown>) => string,
): string | undefined {
  if (value === null || !Number.isFinite(value)) return t('settings.custom.required', { title: field.title });
  if (value < field.minimum || value > field.maximum)
    return t('settings.custom.range', { title: field.title, minimum: field.minimum, maximum: field.maximum });
  return undefined;
}

/**
 * Changes as people read them: a declared setting never set counts as its default, and a change of a
 * whole `customRules` object (the first time HR sets one) is split into its settings.
 */
export function readableChanges(changes: SettingsChange[], fields: DeclaredField[]): SettingsChange[] {
  return changes.flatMap((c) => {
    const under = fields.filter((f) => f.path === c.path || f.path.startsWith(`${c.path}.`));
    if (under.length === 0) return [c];
    // The change's values are the subtrees at its path; each declared leaf is read inside them.
    const at = (subtree: unknown, f: DeclaredField) =>
      numberOr(f.path === c.path ? subtree : read(subtree, f.path.slice(c.path.length + 1)), f.default);
    return under.flatMap((f) => {
      const before = at(c.before, f);
      const after = at(c.after, f);
      return before === after ? [] : [{ path: f.path, before, after }];
    });
  });
}
