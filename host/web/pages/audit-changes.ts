import { diffDocuments } from '../../../plugin/engine/preview-diff.ts';
import type { Words } from '../api/api-error.ts';
import type { ShellLang } from '../i18n/i18n.ts';
import { settingsTitle } from '../i18n/settings-titles.ts';

/** One changed field of an audit row, in words. */
export interface ReadableChange {
  path: string;
  field: string;
  before: string;
  after: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bookkeeping that says nothing to a reader: row versions and ids of the row itself. */
const SKIPPED = new Set(['version', 'id', 'messageId']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The settings document of a settings row's side (`{settings, reason}` or the document itself). */
function settingsSide(v: unknown): unknown {
  return isRecord(v) && isRecord(v.settings) ? v.settings : v;
}

export interface ReadableOptions {
  lang: ShellLang;
  t: Words;
  /** Names of people by id, for fields that hold a person (`assigneeId`, `ownerId` …). */
  personName: (id: string) => string | undefined;
}

/** A value as a reader wants it: money in yuan, instants in local time, people by name. */
export function formatValue(key: string, value: unknown, o: ReadableOptions): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && /cents$/i.test(key))
    return new Intl.NumberFormat(o.lang, { style: 'currency', currency: 'CNY' }).format(value / 100);
  if (typeof value === 'boolean') return o.t(value ? 'words.yes' : 'words.no');
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      return new Date(value).toLocaleString(o.lang);
    if (/Id$/.test(key)) return o.personName(value) ?? value;
    if (/colour$/i.test(key)) return o.t(`colour.${value}`, { defaultValue: value });
    if (key === 'state') return o.t(`pool.states.${value}`, { defaultValue: value });
    if (key === 'role') return o.t(`roles.${value}`, { defaultValue: value });
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('、') || '—';
    return o.t('audit.items', { count: value.length });
  }
  if (isRecord(value)) return o.t('audit.items', { count: Object.keys(value).length });
  return String(value);
}

const leaf = (path: string) => path.split('.').at(-1) ?? path;

/**
 * The fields an audit row changed, with their titles and values in words. Settings rows compare the
 * two documents and title each setting from the settings schema; other rows compare their fields.
 */
export function readableChanges(
  subjectType: string,
  before: unknown,
  after: unknown,
  o: ReadableOptions,
): ReadableChange[] {
  const settings = subjectType === 'settings';
  const b = settings ? settingsSide(before) : before;
  const a = settings ? settingsSide(after) : after;
  const changes = diffDocuments(isRecord(b) ? b : {}, isRecord(a) ? a : {});
  const reason = isRecord(after) && typeof after.reason === 'string' ? after.reason : null;
  const out = changes
    .filter((c) => !SKIPPED.has(leaf(c.path)) && !(settings && c.path === 'reason'))
    .map((c) => {
      const key = leaf(c.path);
      const title =
        (settings ? settingsTitle(c.path, o.lang) : undefined) ??
        o.t(`audit.fields.${key}`, { defaultValue: '' }) ??
        '';
      return {
        path: c.path,
        field: title || c.path,
        before: formatValue(key, c.before, o),
        after: formatValue(key, c.after, o),
      };
    });
  if (settings && reason)
    out.push({ path: 'reason', field: o.t('audit.fields.reason'), before: '—', after: reason });
  return out;
}
