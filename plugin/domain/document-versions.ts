import type { Id } from './types.ts';

/** What every stored version of a versioned document (settings, automations, custom rules) carries. */
export interface VersionFields {
  version: number;
  status: 'proposed' | 'published' | 'discarded';
  reason: string;
  authorId: Id;
  createdAt: string;
  publishedAt: string | null;
  publishedById: Id | null;
  /** For a rollback, the version whose document was restored. */
  rollbackOf: number | null;
}

/** A stored version whose document sits under `document` (settings keep theirs under `settings`). */
export type DocumentVersion<D> = VersionFields & { document: D };

/** The fields of a version that ships with the pack (version 0), around its document. */
export const shippedVersion = (): VersionFields => ({
  version: 0,
  status: 'published',
  reason: '',
  authorId: 'system',
  createdAt: '',
  publishedAt: null,
  publishedById: null,
  rollbackOf: null,
});

const byPublication = (a: VersionFields, b: VersionFields) =>
  (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.version - b.version;

/** The version in effect: the most recently published one, else `shipped` (version 0) when there is one. */
export function versionInEffect<V extends VersionFields>(versions: readonly V[], shipped: V): V;
export function versionInEffect<V extends VersionFields>(versions: readonly V[], shipped?: V): V | undefined;
export function versionInEffect<V extends VersionFields>(versions: readonly V[], shipped?: V): V | undefined {
  return (
    versions
      .filter((v) => v.status === 'published')
      .sort(byPublication)
      .at(-1) ?? shipped
  );
}

export type WithDiff<V, C> = V & { current: boolean; diff: C[]; diffAgainst: number | null };

/**
 * Every version newest first, each with its diff against the one published before it (the first
 * published: against `shipped`, or nothing), a proposal against the version in effect.
 */
export function versionHistory<V extends VersionFields, C>(
  versions: readonly V[],
  diff: (before: V, after: V) => C[],
  shipped?: V,
): WithDiff<V, C>[] {
  const current = versionInEffect(versions, shipped);
  const published = versions.filter((v) => v.status === 'published').sort(byPublication);
  return versions
    .map((v): WithDiff<V, C> => {
      const i = published.indexOf(v);
      const base = i < 0 ? current : i > 0 ? published[i - 1] : shipped;
      return {
        ...v,
        current: v.version === current?.version,
        diff: base ? diff(base, v) : [],
        diffAgainst: base?.version ?? null,
      };
    })
    .sort((a, b) => b.version - a.version);
}
