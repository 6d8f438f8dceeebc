import { readFileSync } from 'node:fs';
import { COLLECTION_DEFS, type CollectionDef } from '../../../adapters/nocobase/server/collections.ts';

// The defs as the hand-written collections.ts declared them before they came from the record schema:
// installed apps upgrade without a migration only while every collection and field reads the same.
const before: CollectionDef[] = JSON.parse(
  readFileSync(new URL('./fixtures/collection-defs-0.json', import.meta.url), 'utf8'),
);
const byName = <T extends { name: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => a.name.localeCompare(b.name));

describe('nocobase collections derived from the record schema', () => {
  const now = new Map(COLLECTION_DEFS.map((c) => [c.name, c]));

  it.each(before.map((c) => [c.name, c] as const))('keeps %s field by field', (name, old) => {
    const derived = now.get(name);
    expect(derived, `${name} is gone`).toBeDefined();
    const { fields, ...options } = derived!;
    const { fields: oldFields, ...oldOptions } = old;
    expect(options).toEqual(oldOptions);
    expect(byName(fields)).toEqual(byName(oldFields));
  });
});
