/**
 * What an import can fill: the target fields of each import kind and how each cell is read.
 * A column mapping names, for each source column, one of these fields.
 */

export type ImportKind = 'activities' | 'keyAccounts';
export const IMPORT_KINDS: readonly ImportKind[] = ['activities', 'keyAccounts'];

export type FieldType =
  /** A person, by id or by exact name. */
  | 'person'
  /** `YYYY-MM` (also `YYYY/MM`, `YYYY年M月`, or a date cell). */
  | 'month'
  /** `YYYY-MM-DD` (also `YYYY/M/D` or a date cell). */
  | 'date'
  /** A whole number >= 0. */
  | 'count'
  /** Money >= 0, in yuan with at most two decimals (or in cents, by the import's `moneyUnit`), stored as cents. */
  | 'money'
  | 'text';

export interface FieldSpec {
  type: FieldType;
  required: boolean;
  /** For `text`: longest accepted value. */
  maxLength?: number;
}

/** Largest count accepted in one cell: beyond it the column is surely mapped wrong. */
export const MAX_COUNT = 1_000_000;

export const ACTIVITY_FIELDS = {
  personId: { type: 'person', required: true },
  month: { type: 'month', required: true },
  dealsSigned: { type: 'count', required: false },
  dealsAmountCents: { type: 'money', required: false },
  highMarginAmountCents: { type: 'money', required: false },
  clientVisits: { type: 'count', required: false },
  proposalsSent: { type: 'count', required: false },
  proposalsWon: { type: 'count', required: false },
  collectionsCents: { type: 'money', required: false },
} as const satisfies Record<string, FieldSpec>;

export const KEY_ACCOUNT_FIELDS = {
  id: { type: 'text', required: false, maxLength: 100 },
  name: { type: 'text', required: true, maxLength: 200 },
  ownerId: { type: 'person', required: true },
  lastContactAt: { type: 'date', required: false },
} as const satisfies Record<string, FieldSpec>;

export type ActivityField = keyof typeof ACTIVITY_FIELDS;
export type KeyAccountField = keyof typeof KEY_ACCOUNT_FIELDS;

export function fieldsOf(kind: ImportKind): Record<string, FieldSpec> {
  return kind === 'activities' ? ACTIVITY_FIELDS : KEY_ACCOUNT_FIELDS;
}
