/** The pack's forms. Each id names `forms/<id>.form.json` and the overlay's `formId`. */
export const FORM_IDS = [
  'objective',
  'key-result',
  'check-in',
  'escalation-resolution',
  'peer-review',
  'activity',
  'pool-run',
] as const;

export type FormId = (typeof FORM_IDS)[number];

export const isFormId = (value: unknown): value is FormId =>
  typeof value === 'string' && (FORM_IDS as readonly string[]).includes(value);

/** Languages with locale files; zh-CN is the default. */
export type Lang = 'zh-CN' | 'en-US';
export const DEFAULT_LANG: Lang = 'zh-CN';
