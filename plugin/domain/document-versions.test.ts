import { describe, expect, it } from 'vitest';
import {
  type DocumentVersion,
  shippedVersion,
  versionHistory,
  versionInEffect,
} from './document-versions.ts';

type V = DocumentVersion<{ n: number }>;
const at = (version: number, status: V['status'], n: number, publishedAt: string | null = null): V => ({
  ...shippedVersion(),
  version,
  status,
  document: { n },
  authorId: 'person-hr',
  publishedAt,
});
const diff = (a: V, b: V) =>
  a.document.n === b.document.n ? [] : [{ before: a.document.n, after: b.document.n }];
const shipped = { ...shippedVersion(), document: { n: 0 } };

describe('versions of a document', () => {
  // Version 3 was published before version 2 (a rollback published later is the one in effect).
  const rows = [
    at(1, 'published', 1, '2026-01-01'),
    at(2, 'published', 2, '2026-03-01'),
    at(3, 'published', 3, '2026-02-01'),
    at(4, 'proposed', 4),
    at(5, 'discarded', 5),
  ];

  it('takes the latest publication as the one in effect, else the shipped version 0, else none', () => {
    expect(versionInEffect(rows)?.version).toBe(2);
    expect(versionInEffect([at(4, 'proposed', 4)], shipped).version).toBe(0);
    expect(versionInEffect([at(4, 'proposed', 4)])).toBeUndefined();
  });

  it('diffs each publication against the one before it, and proposals against the one in effect', () => {
    const history = versionHistory(rows, diff, shipped);
    expect(history.map((v) => [v.version, v.diffAgainst, v.current])).toEqual([
      [5, 2, false],
      [4, 2, false],
      [3, 1, false],
      [2, 3, true],
      [1, 0, false],
    ]);
    expect(history.at(-1)?.diff).toEqual([{ before: 0, after: 1 }]);
  });

  it('gives the first publication no diff when nothing ships with the pack', () => {
    const first = versionHistory(rows, diff).find((v) => v.version === 1);
    expect(first).toMatchObject({ diff: [], diffAgainst: null });
  });
});
