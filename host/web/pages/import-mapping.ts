import {
  ACTIVITY_FIELDS,
  type ActivityField,
  KEY_ACCOUNT_FIELDS,
  type KeyAccountField,
} from '../../../plugin/app/import-fields.ts';

/** Target fields of each import kind, in the order shown: the server's import fields. */
export const IMPORT_FIELDS = {
  activities: Object.keys(ACTIVITY_FIELDS) as ActivityField[],
  keyAccounts: Object.keys(KEY_ACCOUNT_FIELDS) as KeyAccountField[],
};

export type ImportKind = keyof typeof IMPORT_FIELDS;

/** Header cells of a CSV's first line (quotes and a BOM removed). */
export function csvHeaders(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < first.length; i += 1) {
    const ch = first[i];
    if (quoted) {
      if (ch === '"' && first[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells.filter((c) => c !== '');
}

/** The server's mapping (source column → field) from the page's choice per field. */
export function mappingOf(byField: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(byField)) if (column) out[column] = field;
  return out;
}

/** A first guess: a header that equals the field name or its label in either language. */
export function guessMapping(
  headers: string[],
  labels: (field: string) => string[],
  fields: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const field of fields) {
    const names = [field, ...labels(field)].map((n) => n.toLowerCase());
    out[field] = headers.find((h) => names.includes(h.toLowerCase()));
  }
  return out;
}

/** File bytes as base64 (the API's JSON form of an upload). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
