import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import overlaySchema from '../overlay.schema.json' with { type: 'json' };
import { DEFAULT_LANG, type FormId, isFormId, type Lang } from './form-ids.ts';
import { t } from './locale.ts';
import { schemaProblems } from './safe-schema.ts';
import {
  childEntries,
  cloneJson,
  findNode,
  isPlainObject,
  isValueField,
  type SchemaNode,
} from './schema-node.ts';

/** A label in every supported language. */
export interface LocalizedText {
  'zh-CN': string;
  'en-US': string;
}

export type CustomFieldType = 'text' | 'number' | 'select' | 'date';

export interface AddFieldEntry {
  op: 'add';
  /** Stored as `record.custom[name]`; shown as field `custom.<name>`. */
  name: string;
  type: CustomFieldType;
  title: LocalizedText;
  description?: LocalizedText;
  required?: boolean;
  /** Text only: a multi-line box. */
  multiline?: boolean;
  /** Select only. */
  options?: { value: string; label: LocalizedText }[];
  /** Top-level field to insert after; at the end when absent. */
  after?: string;
}

export type OverlayEntry =
  | AddFieldEntry
  | { op: 'hide'; field: string }
  | { op: 'relabel'; field: string; title: LocalizedText; description?: LocalizedText }
  | { op: 'require'; field: string }
  | { op: 'reorder'; order: string[] };

/**
 * HR's adjustments of one form, stored apart from the pack schema (format:
 * `forms/overlay.schema.json`). Plain data only; see `mergeOverlay`.
 */
export interface FormOverlay {
  formId: FormId;
  entries: OverlayEntry[];
}

export type OverlayProblemCode =
  | 'invalid'
  | 'wrong-form'
  | 'expression'
  | 'not-data'
  | 'forbidden-key'
  | 'entry-invalid'
  | 'unknown-field'
  | 'unknown-order-field'
  | 'order-not-top-level'
  | 'hide-required'
  | 'not-a-field'
  | 'duplicate-field'
  | 'unknown-anchor';

export interface OverlayProblem {
  code: OverlayProblemCode;
  /** 0-based index of the entry; null when the whole overlay is concerned. Messages count from 1. */
  index: number | null;
  op?: string;
  field?: string;
  /** Whether the entry (or, with index null, the whole overlay) was left out. */
  skipped: boolean;
  message: string;
}

export interface MergeResult {
  schema: SchemaNode;
  problems: OverlayProblem[];
}

const ajv = new Ajv({ allErrors: true });
ajv.addKeyword('x-i18n');
const validateDocument: ValidateFunction = ajv.compile(overlaySchema);
const OPS = ['add', 'hide', 'relabel', 'require', 'reorder'] as const;
const entryValidators = new Map(
  OPS.map((op) => [op, ajv.getSchema(`${overlaySchema.$id}#/definitions/${op}`) as ValidateFunction]),
);

/** Keys an entry may never carry: they would let an overlay set behaviour instead of data. */
const isForbiddenEntryKey = (key: string): boolean =>
  key.startsWith('x-') ||
  ['reactions', 'validator', 'component', 'decorator', 'componentProps', 'effects', 'scope'].includes(key);

const describeAjv = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .filter((e) => !['oneOf', 'if'].includes(e.keyword))
    .map((e) => {
      const extra = 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
      return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    })
    .slice(0, 3)
    .join('; ');

/**
 * Checks a whole overlay document against `forms/overlay.schema.json` (for an editor that saves
 * overlays). Returns problems with messages in `lang`; empty when valid.
 */
export const validateOverlay = (overlay: unknown, lang: Lang = DEFAULT_LANG): OverlayProblem[] => {
  const unsafe = unsafeProblems(overlay, lang);
  if (unsafe.length > 0) return unsafe;
  if (validateDocument(overlay)) return [];
  return [
    {
      code: 'invalid',
      index: null,
      skipped: true,
      message: t(lang, 'overlay.invalid', { detail: describeAjv(validateDocument.errors) }),
    },
  ];
};

const unsafeProblems = (overlay: unknown, lang: Lang): OverlayProblem[] =>
  schemaProblems(overlay)
    .filter((p) => p.kind === 'expression' || p.kind === 'not-data')
    .map((p) => ({
      code: p.kind === 'expression' ? ('expression' as const) : ('not-data' as const),
      index: null,
      skipped: true,
      message:
        p.kind === 'expression'
          ? t(lang, 'overlay.expression', { where: p.where || '/' })
          : t(lang, 'overlay.notData', { where: p.where || '/', kind: p.detail }),
    }));

const componentFor = (entry: AddFieldEntry): string => {
  switch (entry.type) {
    case 'text':
      return entry.multiline ? 'Input.TextArea' : 'Input';
    case 'number':
      return 'NumberPicker';
    case 'select':
      return 'Select';
    case 'date':
      return 'DatePicker';
  }
};

const customNode = (entry: AddFieldEntry): SchemaNode => {
  const node: SchemaNode = {
    type: entry.type === 'number' ? 'number' : 'string',
    title: entry.title['zh-CN'],
    'x-decorator': 'FormItem',
    'x-component': componentFor(entry),
    'x-custom': true,
    'x-i18n': { 'en-US': { title: entry.title['en-US'] } },
  };
  if (entry.description) {
    node.description = entry.description['zh-CN'];
    node['x-i18n'] = { 'en-US': { title: entry.title['en-US'], description: entry.description['en-US'] } };
  }
  if (entry.required) node.required = true;
  if (entry.options) {
    node.enum = entry.options.map((o) => ({ label: o.label['zh-CN'], value: o.value }));
    const en = node['x-i18n']?.['en-US'] ?? {};
    en.enum = Object.fromEntries(entry.options.map((o) => [o.value, o.label['en-US']]));
  }
  return node;
};

const hasRequiredCore = (node: SchemaNode): boolean =>
  node.required === true ||
  node['x-locked'] === true ||
  childEntries(node).some(([, child]) => hasRequiredCore(child));

const withKeyOrder = (node: SchemaNode, keys: string[]): void => {
  const props = node.properties ?? {};
  node.properties = Object.fromEntries(keys.map((k) => [k, props[k] as SchemaNode]));
};

type Apply = (schema: SchemaNode, entry: OverlayEntry, report: Reporter) => void;
type Reporter = (code: OverlayProblemCode, skipped: boolean, params?: Record<string, string>) => void;

const applyAdd: Apply = (schema, entry, report) => {
  if (entry.op !== 'add') return;
  const key = `custom.${entry.name}`;
  const props = schema.properties ?? {};
  if (key in props) return report('duplicate-field', true, { field: key });
  const keys = Object.keys(props);
  props[key] = customNode(entry);
  schema.properties = props;
  let at = keys.length;
  if (entry.after !== undefined) {
    const anchor = keys.indexOf(entry.after);
    if (anchor < 0) report('unknown-anchor', false, { field: entry.after });
    else at = anchor + 1;
  }
  keys.splice(at, 0, key);
  withKeyOrder(schema, keys);
};

const applyHide: Apply = (schema, entry, report) => {
  if (entry.op !== 'hide') return;
  const node = findNode(schema, entry.field);
  if (!node) return report('unknown-field', true, { field: entry.field });
  if (hasRequiredCore(node)) return report('hide-required', true, { field: entry.field });
  node['x-display'] = 'hidden';
};

const applyRelabel: Apply = (schema, entry, report) => {
  if (entry.op !== 'relabel') return;
  const node = findNode(schema, entry.field);
  if (!node) return report('unknown-field', true, { field: entry.field });
  node.title = entry.title['zh-CN'];
  const en = { ...(node['x-i18n']?.['en-US'] ?? {}), title: entry.title['en-US'] };
  if (entry.description) {
    node.description = entry.description['zh-CN'];
    en.description = entry.description['en-US'];
  }
  node['x-i18n'] = { ...(node['x-i18n'] ?? {}), 'en-US': en };
};

const applyRequire: Apply = (schema, entry, report) => {
  if (entry.op !== 'require') return;
  const node = findNode(schema, entry.field);
  if (!node) return report('unknown-field', true, { field: entry.field });
  if (!isValueField(node)) return report('not-a-field', true, { field: entry.field });
  node.required = true;
};

const applyReorder: Apply = (schema, entry, report) => {
  if (entry.op !== 'reorder') return;
  const keys = Object.keys(schema.properties ?? {});
  const wanted: string[] = [];
  for (const name of entry.order) {
    if (keys.includes(name)) wanted.push(name);
    else if (findNode(schema, name)) report('order-not-top-level', false, { field: name });
    else report('unknown-order-field', false, { field: name });
  }
  // The named fields swap among their own slots; fields not named keep their place, so a field a
  // newer pack adds stays where the pack put it.
  const slots = keys.flatMap((k, i) => (wanted.includes(k) ? [i] : []));
  const reordered = [...keys];
  slots.forEach((slot, i) => {
    reordered[slot] = wanted[i] as string;
  });
  withKeyOrder(schema, reordered);
};

const APPLY: Record<OverlayEntry['op'], Apply> = {
  add: applyAdd,
  hide: applyHide,
  relabel: applyRelabel,
  require: applyRequire,
  reorder: applyReorder,
};

const MESSAGE_KEYS: Record<OverlayProblemCode, string> = {
  invalid: 'overlay.invalid',
  'wrong-form': 'overlay.wrongForm',
  expression: 'overlay.expression',
  'not-data': 'overlay.notData',
  'forbidden-key': 'overlay.forbiddenKey',
  'entry-invalid': 'overlay.entryInvalid',
  'unknown-field': 'overlay.unknownField',
  'unknown-order-field': 'overlay.unknownOrderField',
  'order-not-top-level': 'overlay.orderNotTopLevel',
  'hide-required': 'overlay.hideRequired',
  'not-a-field': 'overlay.notAField',
  'duplicate-field': 'overlay.duplicateField',
  'unknown-anchor': 'overlay.unknownAnchor',
};

const opLabel = (lang: Lang, op: string): string =>
  (OPS as readonly string[]).includes(op) ? t(lang, `overlay.ops.${op}`) : op;

/**
 * Merges an HR overlay into a pack form schema at render time. Pure: neither input is changed.
 *
 * Entries apply in order, except `reorder`, which applies last so it can name added fields. An
 * entry that does not fit the schema (names a missing field, hides a required or core field, is
 * malformed or tries to carry behaviour) is reported in `problems` and left out; the rest applies.
 * An overlay containing `{{` anywhere, or anything that is not JSON data, is refused as a whole.
 * Added fields are named `custom.<name>`, so their values land in the record's `custom` object.
 */
export const mergeOverlay = (
  schema: SchemaNode,
  overlay: unknown,
  lang: Lang = DEFAULT_LANG,
): MergeResult => {
  const merged = cloneJson(schema);
  if (overlay === null || overlay === undefined) return { schema: merged, problems: [] };

  const unsafe = unsafeProblems(overlay, lang);
  if (unsafe.length > 0) return { schema: merged, problems: unsafe };

  const whole = (code: OverlayProblemCode, message: string): MergeResult => ({
    schema: merged,
    problems: [{ code, index: null, skipped: true, message }],
  });
  if (!isPlainObject(overlay) || !Array.isArray(overlay.entries) || !isFormId(overlay.formId)) {
    const detail = isPlainObject(overlay)
      ? describeAjv(validateDocument(overlay) ? [] : validateDocument.errors)
      : typeof overlay;
    return whole('invalid', t(lang, 'overlay.invalid', { detail }));
  }
  const formId = schema['x-form-id'];
  if (overlay.formId !== formId)
    return whole(
      'wrong-form',
      t(lang, 'overlay.wrongForm', { overlayForm: overlay.formId, formId: String(formId) }),
    );

  const problems: OverlayProblem[] = [];
  const valid: { entry: OverlayEntry; index: number }[] = [];
  overlay.entries.forEach((raw: unknown, index) => {
    const op = isPlainObject(raw) && typeof raw.op === 'string' ? raw.op : '?';
    const base = { index, op, skipped: true };
    const forbidden = isPlainObject(raw) ? Object.keys(raw).find(isForbiddenEntryKey) : undefined;
    if (forbidden !== undefined) {
      problems.push({
        ...base,
        code: 'forbidden-key',
        message: t(lang, 'overlay.forbiddenKey', { index: index + 1, op: opLabel(lang, op), key: forbidden }),
      });
      return;
    }
    const validator = entryValidators.get(op as (typeof OPS)[number]);
    if (!validator?.(raw)) {
      const detail = validator ? describeAjv(validator.errors) : `op ${JSON.stringify(op)}`;
      problems.push({
        ...base,
        code: 'entry-invalid',
        message: t(lang, 'overlay.entryInvalid', { index: index + 1, op: opLabel(lang, op), detail }),
      });
      return;
    }
    valid.push({ entry: raw as unknown as OverlayEntry, index });
  });

  const ordered = [
    ...valid.filter((v) => v.entry.op !== 'reorder'),
    ...valid.filter((v) => v.entry.op === 'reorder'),
  ];
  for (const { entry, index } of ordered) {
    APPLY[entry.op](merged, entry, (code, skipped, params = {}) => {
      problems.push({
        code,
        index,
        op: entry.op,
        field: params.field,
        skipped,
        message: t(lang, MESSAGE_KEYS[code], { index: index + 1, op: opLabel(lang, entry.op), ...params }),
      });
    });
  }
  problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  return { schema: merged, problems };
};
