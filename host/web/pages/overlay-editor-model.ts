import type { FormId, FormOverlay, Lang, OverlayEntry } from '../../../forms/runtime/index.ts';
import { localizeSchema, packSchema } from '../../../forms/runtime/index.ts';
import type { AddFieldEntry, LocalizedText } from '../../../forms/runtime/overlay.ts';

/** The forms editor's view of an overlay: what HR edits row by row. */
export interface OverlayDraft {
  formId: FormId;
  added: AddFieldEntry[];
  hidden: string[];
  relabels: Record<string, LocalizedText>;
  /** Top-level field order, or null to keep the pack's order. */
  order: string[] | null;
  /** Entries the editor does not draw (e.g. `require`), kept as they are. */
  others: OverlayEntry[];
}

export interface EditorField {
  key: string;
  title: string;
  custom: boolean;
  /** Core or required: the overlay may not hide it. */
  locked: boolean;
}

const isEntry = (v: unknown): v is OverlayEntry =>
  typeof v === 'object' && v !== null && typeof (v as { op?: unknown }).op === 'string';

/** Reads a stored overlay (anything) into a draft; unknown shapes become an empty draft. */
export function draftFromOverlay(formId: FormId, overlay: unknown): OverlayDraft {
  const draft: OverlayDraft = { formId, added: [], hidden: [], relabels: {}, order: null, others: [] };
  const entries = (overlay as { entries?: unknown })?.entries;
  if (!Array.isArray(entries)) return draft;
  for (const entry of entries) {
    if (!isEntry(entry)) continue;
    switch (entry.op) {
      case 'add':
        draft.added.push(entry);
        break;
      case 'hide':
        draft.hidden.push(entry.field);
        break;
      case 'relabel':
        draft.relabels[entry.field] = entry.title;
        break;
      case 'reorder':
        draft.order = [...entry.order];
        break;
      default:
        draft.others.push(entry);
    }
  }
  return draft;
}

/** The overlay document of a draft (entries in a stable order: add, hide, relabel, others, reorder). */
export function overlayFromDraft(draft: OverlayDraft): FormOverlay {
  const entries: OverlayEntry[] = [
    ...draft.added,
    ...draft.hidden.map((field): OverlayEntry => ({ op: 'hide', field })),
    ...Object.entries(draft.relabels).map(
      ([field, title]): OverlayEntry => ({ op: 'relabel', field, title }),
    ),
    ...draft.others,
  ];
  if (draft.order) entries.push({ op: 'reorder', order: draft.order });
  return { formId: draft.formId, entries };
}

/** Words for a field the pack schema leaves untitled (a group, a setting drawn from settings). */
export type UntitledField = (key: string, settingsRef: string | undefined) => string | undefined;

/** Top-level fields of the form as the draft would show them, in order, each by its label. */
export function editorFields(draft: OverlayDraft, lang: Lang, untitled?: UntitledField): EditorField[] {
  const schema = localizeSchema(packSchema(draft.formId), draft.formId, lang);
  const props = schema.properties ?? {};
  const fields: EditorField[] = Object.entries(props)
    .filter(([, node]) => node.type !== 'void' || node.title)
    .map(([key, node]) => ({
      key,
      title:
        draft.relabels[key]?.[lang] ??
        node.title ??
        untitled?.(key, node['x-settings-ref'] as string | undefined) ??
        key,
      custom: false,
      locked: node.required === true || node['x-locked'] === true,
    }));
  for (const add of draft.added) {
    fields.push({ key: `custom.${add.name}`, title: add.title[lang], custom: true, locked: false });
  }
  if (!draft.order) return fields;
  const rank = new Map(draft.order.map((k, i) => [k, i]));
  return [...fields].sort(
    (a, b) => (rank.get(a.key) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.key) ?? Number.MAX_SAFE_INTEGER),
  );
}

const MAX_NAME = 40;

/**
 * The stored name of a new field, made from its label so HR never types an id: the English label
 * in camelCase when there is one ("Resource owner" → resourceOwner), else `custom_<n>`; never one
 * the form already has.
 */
export function fieldNameFor(englishLabel: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const words = englishLabel
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
  const base = /^[a-z]/.test(camel) ? camel.slice(0, MAX_NAME - 3) : '';
  if (base && !used.has(base)) return base;
  for (let n = base ? 2 : 1; ; n++) {
    const name = base ? `${base}${n}` : `custom_${n}`;
    if (!used.has(name)) return name;
  }
}

/** Moves a field up (-1) or down (+1) and records the whole order. */
export function moveField(draft: OverlayDraft, lang: Lang, key: string, by: -1 | 1): OverlayDraft {
  const keys = editorFields(draft, lang).map((f) => f.key);
  const i = keys.indexOf(key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= keys.length) return draft;
  [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  return { ...draft, order: keys };
}
