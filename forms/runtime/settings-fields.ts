import type { Settings } from '../../plugin/domain/index.ts';
import settingsSchemaJson from '../../rules/settings.schema.json' with { type: 'json' };
import type { Lang } from './form-ids.ts';
import { t } from './locale.ts';
import { compileSafeSchema } from './safe-schema.ts';
import { isPlainObject } from './schema-node.ts';

/** The subset of JSON Schema (plus our x- keywords) that `rules/settings.schema.json` uses. */
export interface SettingsSchemaNode {
  type?: string;
  title?: string;
  description?: string;
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  /** A choice setting (`pool.tenure.mode`); titles of the values in `x-i18n.<lang>.enumTitles`. */
  enum?: string[];
  required?: string[];
  properties?: Record<string, SettingsSchemaNode>;
  'x-i18n'?: Partial<Record<Lang, { title?: string; description?: string; enumTitles?: string[] }>>;
  'x-unit'?: string;
  'x-sum'?: { fields: string[]; equals: number };
  'x-ascending'?: [string, string];
}

// Checked once: its titles reach Formily, which would run a `{{ }}` in them as code.
export const SETTINGS_SCHEMA = compileSafeSchema(
  settingsSchemaJson,
  'rules/settings.schema.json',
) as unknown as SettingsSchemaNode;

/** The schema node of a setting by dotted path (`alignment.weights.linked`), or undefined. */
export const settingsNode = (path: string): SettingsSchemaNode | undefined =>
  path
    .split('.')
    .reduce<SettingsSchemaNode | undefined>((node, key) => node?.properties?.[key], SETTINGS_SCHEMA);

/** Title of a setting in `lang` (zh-CN in the schema, others from its `x-i18n`). */
export const settingTitle = (node: SettingsSchemaNode, lang: Lang): string =>
  (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.title) ?? node.title ?? '';

/** Titles of a choice setting's values in `lang`, the values themselves where none is given. */
export const settingChoices = (node: SettingsSchemaNode, lang: Lang): { label: string; value: string }[] =>
  (node.enum ?? []).map((value, i) => ({ label: node['x-i18n']?.[lang]?.enumTitles?.[i] ?? value, value }));

export const settingDescription = (node: SettingsSchemaNode, lang: Lang): string | undefined =>
  (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.description) ?? node.description;

/** Localised unit label of a setting (`%`, `天`, `days` …), from the locale files. */
export const settingUnit = (node: SettingsSchemaNode, lang: Lang): string | undefined =>
  node['x-unit'] === undefined ? undefined : t(lang, `units.${node['x-unit']}`);

export interface SettingsProblem {
  /** Dotted path of the setting the message is about. */
  path: string;
  code: 'required' | 'integer' | 'range' | 'const' | 'sum' | 'ascending';
  message: string;
}

const read = (value: unknown, key: string): unknown => (isPlainObject(value) ? value[key] : undefined);

const leafProblem = (
  node: SettingsSchemaNode,
  value: unknown,
  path: string,
  lang: Lang,
): SettingsProblem | undefined => {
  const setting = settingTitle(node, lang);
  if ('const' in node) {
    return value === node.const
      ? undefined
      : {
          path,
          code: 'const',
          message: t(lang, 'settings.const', { setting, expected: String(node.const) }),
        };
  }
  if (node.enum) {
    if (typeof value === 'string' && node.enum.includes(value)) return undefined;
    const choices = settingChoices(node, lang)
      .map((c) => c.label)
      .join(' / ');
    return { path, code: 'required', message: t(lang, 'settings.choice', { setting, choices }) };
  }
  const min = node.minimum ?? '−∞';
  const max = node.maximum ?? '∞';
  const params = { setting, min, max, value: String(value) };
  if (value === undefined || value === null || value === '')
    return { path, code: 'required', message: t(lang, 'settings.required', params) };
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (node.type === 'integer' && !Number.isInteger(value))
  )
    return { path, code: 'integer', message: t(lang, 'settings.integer', params) };
  if (
    (node.minimum !== undefined && value < node.minimum) ||
    (node.maximum !== undefined && value > node.maximum)
  )
    return { path, code: 'range', message: t(lang, 'settings.range', params) };
  return undefined;
};

/**
 * Every problem of a settings document, read off `rules/settings.schema.json`: missing values,
 * non-integers, values out of `minimum`/`maximum`, `x-sum` groups that do not add up and
 * `x-ascending` pairs out of order. Messages (in `lang`) name the setting and its range.
 * Cross-field problems are reported on each field involved.
 */
export const settingsProblems = (values: unknown, lang: Lang): SettingsProblem[] => {
  const problems: SettingsProblem[] = [];
  const walk = (node: SettingsSchemaNode, value: unknown, path: string) => {
    const props = node.properties;
    if (!props) {
      const problem = leafProblem(node, value, path, lang);
      if (problem) problems.push(problem);
      return;
    }
    for (const [key, child] of Object.entries(props))
      walk(child, read(value, key), path ? `${path}.${key}` : key);
    const at = (key: string) => (path ? `${path}.${key}` : key);
    const title = (key: string) => settingTitle(props[key] ?? {}, lang);
    const sum = node['x-sum'];
    if (sum) {
      const parts = sum.fields.map((key) => read(value, key));
      if (parts.every((p) => typeof p === 'number' && Number.isFinite(p))) {
        const actual = (parts as number[]).reduce((a, b) => a + b, 0);
        if (actual !== sum.equals) {
          const message = t(lang, 'settings.sum', {
            group: settingTitle(node, lang),
            fields: sum.fields.map(title).join(lang === 'zh-CN' ? '、' : ', '),
            equals: sum.equals,
            actual,
          });
          for (const key of sum.fields) problems.push({ path: at(key), code: 'sum', message });
        }
      }
    }
    const ascending = node['x-ascending'];
    if (ascending) {
      const [lowKey, highKey] = ascending;
      const low = read(value, lowKey);
      const high = read(value, highKey);
      if (typeof low === 'number' && typeof high === 'number' && low > high) {
        const message = t(lang, 'settings.ascending', {
          low: title(lowKey),
          lowValue: low,
          high: title(highKey),
          highValue: high,
        });
        problems.push({ path: at(lowKey), code: 'ascending', message });
        problems.push({ path: at(highKey), code: 'ascending', message });
      }
    }
  };
  walk(SETTINGS_SCHEMA, values, '');
  return problems;
};

/** Problems of one setting's own value (type and range only), e.g. for a pool-run override. */
export const settingValueProblem = (
  path: string,
  value: unknown,
  lang: Lang,
): SettingsProblem | undefined => {
  const node = settingsNode(path);
  return node ? leafProblem(node, value, path, lang) : undefined;
};

/** Paths whose validity depends on the value at `path` (its `x-sum` / `x-ascending` partners). */
export const linkedSettingPaths = (path: string): string[] => {
  const parts = path.split('.');
  const key = parts.pop() ?? '';
  const parentPath = parts.join('.');
  const parent = parentPath ? settingsNode(parentPath) : SETTINGS_SCHEMA;
  const groups = [parent?.['x-sum']?.fields ?? [], parent?.['x-ascending'] ?? []];
  const partners = groups.filter((g) => g.includes(key)).flatMap((g) => g.filter((k) => k !== key));
  return [...new Set(partners)].map((k) => (parentPath ? `${parentPath}.${k}` : k));
};

/** Reads one setting's current value by dotted path. */
export const settingValue = (settings: Settings, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => read(node, key), settings);
