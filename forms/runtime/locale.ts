import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };
import type { FormId, Lang } from './form-ids.ts';
import {
  type EnumOption,
  isPlainObject,
  type NodeTranslation,
  type SchemaNode,
  walkNodes,
} from './schema-node.ts';

type Messages = Record<string, unknown>;
const LOCALES: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

const lookup = (messages: Messages, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), messages);

/**
 * The message `key` (dot path into `forms/locale/<lang>.json`) with `{name}` placeholders filled.
 * Falls back to zh-CN, then to the key itself so a missing translation is visible, not blank.
 */
export const t = (lang: Lang, key: string, params: Record<string, string | number> = {}): string => {
  const raw = lookup(LOCALES[lang], key) ?? lookup(LOCALES['zh-CN'], key);
  const text = typeof raw === 'string' ? raw : key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
};

/** Translation of one pack field from the locale file, if any. */
export const fieldTranslation = (lang: Lang, formId: FormId, path: string): NodeTranslation | undefined => {
  const fields = lookup(LOCALES[lang], `forms.${formId}.fields`);
  const entry = isPlainObject(fields) ? fields[path] : undefined;
  return isPlainObject(entry) ? (entry as NodeTranslation) : undefined;
};

const translateEnum = (options: unknown[], labels: Record<string, string> | undefined): unknown[] =>
  options.map((option) => {
    if (!isPlainObject(option) || !labels) return option;
    const label = labels[String(option.value)];
    return label ? { ...option, label } : option;
  });

/**
 * Returns the schema with titles, help and option labels in `lang`. zh-CN is written in the schema
 * itself; other languages come from the node's own `x-i18n` (set by overlays and settings refs)
 * first, then from `forms/locale/<lang>.json`. Pure: the input is not changed.
 */
export const localizeSchema = (schema: SchemaNode, formId: FormId, lang: Lang): SchemaNode => {
  const copy = structuredClone(schema);
  if (lang === 'zh-CN') return copy;
  const formTitle = lookup(LOCALES[lang], `forms.${formId}.title`);
  if (typeof formTitle === 'string') copy.title = formTitle;
  walkNodes(copy, (node, path) => {
    // An overlay's relabel (own) wins over the pack's locale file, field by field.
    const own = node['x-i18n']?.[lang] ?? {};
    const tr: NodeTranslation = { ...fieldTranslation(lang, formId, path), ...own };
    if (tr.title) node.title = tr.title;
    if (tr.description) node.description = tr.description;
    if (node.enum && tr.enum) node.enum = translateEnum(node.enum, tr.enum);
  });
  return copy;
};

/** Label of an enum value of a node, in the node's current language. */
export const enumLabel = (node: SchemaNode | undefined, value: unknown): string => {
  const option = node?.enum?.find((o) => isPlainObject(o) && o.value === value) as EnumOption | undefined;
  return option?.label ?? String(value);
};
