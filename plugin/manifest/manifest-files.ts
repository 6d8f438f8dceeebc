import { ManifestError } from './manifest-error.ts';
import type { Manifest } from './manifest-types.ts';

/** A file the manifest points at, with where it is referenced. */
export interface ManifestFile {
  /** Field path in the manifest, e.g. `contributes.widgets[2].entry`. */
  path: string;
  /** File path relative to the pack root. */
  file: string;
}

/** Every file a manifest references, in manifest order. */
export function manifestFiles(manifest: Manifest): ManifestFile[] {
  const c = manifest.contributes;
  return [
    ...c.rules.map((r, i) => ({ path: `contributes.rules[${i}].file`, file: r.file })),
    { path: 'contributes.settings.schema', file: c.settings.schema },
    { path: 'contributes.settings.defaults', file: c.settings.defaults },
    ...c.forms.map((f, i) => ({ path: `contributes.forms[${i}].file`, file: f.file })),
    ...c.widgets.map((w, i) => ({ path: `contributes.widgets[${i}].entry`, file: w.entry })),
  ];
}

/** The referenced files that `fileExists` (relative to the pack root) says are absent. */
export function missingManifestFiles(
  manifest: Manifest,
  fileExists: (file: string) => boolean,
): ManifestFile[] {
  return manifestFiles(manifest).filter((entry) => !fileExists(entry.file));
}

/**
 * Throws when a referenced file is absent.
 * @throws ManifestError naming each missing file and the field that references it
 */
export function assertManifestFiles(
  manifest: Manifest,
  fileExists: (file: string) => boolean,
  source = 'manifest.json',
): void {
  const missing = missingManifestFiles(manifest, fileExists);
  if (missing.length === 0) return;
  throw new ManifestError(
    source,
    missing.map((m) => ({
      path: m.path,
      message: `file "${m.file}" does not exist in the pack; add it or fix the path.`,
    })),
  );
}
