import type { SettingsChange } from '../sdk/index.ts';
import { diffDocuments } from './preview-diff.ts';

/** Changes of a list by each item's key (`south-amber.steps`), so a reordering of the list is no change. */
export function diffByKey<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): SettingsChange[] {
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const now = new Map(after.map((item) => [keyOf(item), item]));
  const out: SettingsChange[] = [];
  for (const [key, item] of now) {
    const was = old.get(key);
    if (!was) out.push({ path: key, before: null, after: item });
    else out.push(...diffDocuments(was, item, key));
  }
  for (const [key, item] of old) if (!now.has(key)) out.push({ path: key, before: item, after: null });
  return out;
}
