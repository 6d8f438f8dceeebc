export { loadManifest } from './load-manifest.ts';
export { ManifestError, type ManifestIssue } from './manifest-error.ts';
export {
  assertManifestFiles,
  type ManifestFile,
  manifestFiles,
  missingManifestFiles,
} from './manifest-files.ts';
export { manifestSchema, NAMESPACED_ID_PATTERN } from './manifest-schema.ts';
export type * from './manifest-types.ts';
export { CONTRIBUTION_KINDS, ENTITY_NAMES } from './manifest-types.ts';
export { isSemverRange, isSemverVersion } from './semver.ts';
