import type { CustomValues } from '../../../plugin/app/ports.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';

// What HR's custom fields accept is checked by the pack (plugin/app/custom-values.ts); this is their storage.
export type { CustomValues };

/** The stored `custom` column as an object (null when the record has none). */
export const readCustom = (text: string | null | undefined): CustomValues | null =>
  parseJson<CustomValues | null>(text ?? null, null);

/** The `custom` column value to store. */
export const writeCustom = (custom: CustomValues | null | undefined): string | null =>
  custom ? JSON.stringify(custom) : null;

/** The stored custom values of records of a table that carries them, by record id. */
export async function customByIds(
  db: Db,
  table: 'key_results' | 'objectives',
  ids: string[],
): Promise<Map<string, CustomValues | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'custom']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, readCustom(r.custom)]));
}
