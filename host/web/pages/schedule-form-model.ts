import scheduleSchema from '../../../rules/schedules.schema.json' with { type: 'json' };
import type { ShellLang } from '../i18n/i18n.ts';

/** The part of JSON Schema `rules/schedules.schema.json` uses (plus `x-i18n`, `x-unit`). */
interface ScheduleSchemaNode {
  type?: string;
  title?: string;
  description?: string;
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  items?: ScheduleSchemaNode;
  properties?: Record<string, ScheduleSchemaNode>;
  'x-i18n'?: Partial<Record<ShellLang, { title?: string; description?: string }>>;
  'x-unit'?: string;
}

export type ScheduleFieldKind = 'section' | 'fixed' | 'boolean' | 'integer' | 'text' | 'integers' | 'texts';

/** One field (or section) of the schedule form, read off the schema. */
export interface ScheduleField {
  /** Path in the document (`['peerReview', 'windows', 'q1', 'opensOn']`). */
  path: string[];
  kind: ScheduleFieldKind;
  title: string;
  description?: string;
  required: boolean;
  unit?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: RegExp;
  children?: ScheduleField[];
}

const SCHEMA = scheduleSchema as unknown as ScheduleSchemaNode;

const titleOf = (node: ScheduleSchemaNode, lang: ShellLang) =>
  (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.title) ?? node.title ?? '';
const descriptionOf = (node: ScheduleSchemaNode, lang: ShellLang) =>
  (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.description) ?? node.description;

function kindOf(node: ScheduleSchemaNode): ScheduleFieldKind {
  if ('const' in node) return 'fixed';
  if (node.properties) return 'section';
  if (node.type === 'boolean') return 'boolean';
  if (node.type === 'integer' || node.type === 'number') return 'integer';
  if (node.type === 'array') return node.items?.type === 'integer' ? 'integers' : 'texts';
  return 'text';
}

function fieldOf(
  node: ScheduleSchemaNode,
  path: string[],
  required: boolean,
  lang: ShellLang,
): ScheduleField {
  const kind = kindOf(node);
  const bounds = kind === 'integers' || kind === 'texts' ? (node.items ?? {}) : node;
  const field: ScheduleField = { path, kind, title: titleOf(node, lang), required };
  const description = descriptionOf(node, lang);
  if (description) field.description = description;
  if (node['x-unit']) field.unit = node['x-unit'];
  if (bounds.minimum !== undefined) field.minimum = bounds.minimum;
  if (bounds.maximum !== undefined) field.maximum = bounds.maximum;
  if (node.maxLength !== undefined) field.maxLength = node.maxLength;
  if (node.minItems !== undefined) field.minItems = node.minItems;
  if (node.maxItems !== undefined) field.maxItems = node.maxItems;
  if (bounds.pattern) field.pattern = new RegExp(bounds.pattern);
  if (node.properties) {
    const needed = new Set(node.required ?? []);
    field.children = Object.entries(node.properties).map(([key, child]) =>
      fieldOf(child, [...path, key], needed.has(key), lang),
    );
  }
  return field;
}

/**
 * The schedule form, generated from `rules/schedules.schema.json`: sections for objects, one field
 * per leaf, labels and help from its titles and descriptions (`x-i18n` for en-US). The server
 * validates the whole document again on save.
 */
export const scheduleFormFields = (lang: ShellLang): ScheduleField[] =>
  fieldOf(SCHEMA, [], true, lang).children ?? [];

export const scheduleFormTitle = (lang: ShellLang) => ({
  title: titleOf(SCHEMA, lang),
  description: descriptionOf(SCHEMA, lang),
});

/** Integers typed into a tag box arrive as strings; keep the numbers, drop the rest, sorted. */
export function toIntegers(values: unknown): number[] {
  if (!Array.isArray(values)) return [];
  const numbers = values.map((v) => Number(v)).filter((n) => Number.isInteger(n));
  return [...new Set(numbers)].sort((a, b) => a - b);
}
