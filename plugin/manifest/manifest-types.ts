import type { Role } from '../domain/types.ts';

/** A user-facing text in every locale the pack ships. */
export interface LocalizedText {
  'zh-CN': string;
  'en-US': string;
}

/** A json-rules-engine rule file. */
export interface RuleContribution {
  /** Namespaced id, e.g. `okr-align.alignment`. */
  id: string;
  /** Path relative to the pack root. */
  file: string;
}

/** The settings document: its JSON Schema and the defaults the pack ships. */
export interface SettingsContribution {
  schema: string;
  defaults: string;
}

/** A Formily JSON-schema form that creates or edits records of one collection. */
export interface FormContribution {
  id: string;
  file: string;
  /** Id of the collection the form writes to. */
  collection: string;
  title: LocalizedText;
}

/** A React widget: data in through props, intents out through callbacks. */
export interface WidgetContribution {
  id: string;
  /** Module whose default or named export is the widget component. */
  entry: string;
  title: LocalizedText;
}

/** A role the pack needs; the host maps it onto its own roles. */
export interface RoleContribution {
  id: Role;
  title: LocalizedText;
}

/** The domain entities the pack stores (names of the types in `plugin/domain/types.ts`). */
export type EntityName =
  | 'Cycle'
  | 'Region'
  | 'Person'
  | 'Objective'
  | 'KeyResult'
  | 'CheckIn'
  | 'Escalation'
  | 'Activity'
  | 'KeyAccount'
  | 'PeerReview'
  | 'PoolRun';

export const ENTITY_NAMES: readonly EntityName[] = [
  'Cycle',
  'Region',
  'Person',
  'Objective',
  'KeyResult',
  'CheckIn',
  'Escalation',
  'Activity',
  'KeyAccount',
  'PeerReview',
  'PoolRun',
];

/** A collection (table) the host creates for the pack. */
export interface CollectionContribution {
  id: string;
  entity: EntityName;
  title: LocalizedText;
}

/** A page of the host's navigation that shows one widget to some roles. */
export interface PageContribution {
  id: string;
  /** Route below the pack's mount point, e.g. `/alignment`. */
  path: string;
  widget: string;
  roles: Role[];
  title: LocalizedText;
}

/** What the pack adds to a host, by kind. */
export interface ManifestContributes {
  rules: RuleContribution[];
  settings: SettingsContribution;
  forms: FormContribution[];
  widgets: WidgetContribution[];
  roles: RoleContribution[];
  collections: CollectionContribution[];
  pages: PageContribution[];
}

export const CONTRIBUTION_KINDS: readonly (keyof ManifestContributes)[] = [
  'rules',
  'settings',
  'forms',
  'widgets',
  'roles',
  'collections',
  'pages',
];

/** `manifest.json`: the pack's identity, the host contract it needs, and what it contributes. */
export interface Manifest {
  $schema: string;
  /** Pack id; every contributed id starts with it and a dot. */
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Semver version of the pack. */
  version: string;
  /** Semver range of the host contract (`plugin/sdk`) the pack works with, e.g. `^1.0.0`. */
  hostContract: string;
  contributes: ManifestContributes;
}
