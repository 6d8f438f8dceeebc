import type { JSONSchemaType } from 'ajv';
import { ROLES } from '../domain/types.ts';
import {
  type CollectionContribution,
  ENTITY_NAMES,
  type FormContribution,
  type LocalizedText,
  type Manifest,
  type PageContribution,
  type RoleContribution,
  type RuleContribution,
  type WidgetContribution,
} from './manifest-types.ts';

/** `okr-align.key-result`: the pack id, a dot, then kebab-case words (more dots allowed). */
export const NAMESPACED_ID_PATTERN = '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$';
/** A path relative to the pack root inside `dir`, ending with `suffix`, without `..` segments. */
const fileUnder = (dir: string, suffix: string) =>
  ({ type: 'string', pattern: `^(?!.*(^|/)\\.\\.(/|$))${dir}/[A-Za-z0-9_.\\-/]+${suffix}$` }) as const;

const localizedText: JSONSchemaType<LocalizedText> = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en-US'],
  properties: {
    'zh-CN': { type: 'string', minLength: 1 },
    'en-US': { type: 'string', minLength: 1 },
  },
};

const id = { type: 'string', pattern: NAMESPACED_ID_PATTERN } as const;

const rule: JSONSchemaType<RuleContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'file'],
  properties: { id, file: fileUnder('rules', '\\.rules\\.json') },
};

const form: JSONSchemaType<FormContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'file', 'collection', 'title'],
  properties: { id, file: fileUnder('forms', '\\.form\\.json'), collection: id, title: localizedText },
};

const widget: JSONSchemaType<WidgetContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'entry', 'title'],
  properties: { id, entry: fileUnder('widgets', '\\.tsx?'), title: localizedText },
};

const role: JSONSchemaType<RoleContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title'],
  properties: { id: { type: 'string', enum: [...ROLES] }, title: localizedText },
};

const collection: JSONSchemaType<CollectionContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'entity', 'title'],
  properties: { id, entity: { type: 'string', enum: [...ENTITY_NAMES] }, title: localizedText },
};

const page: JSONSchemaType<PageContribution> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'path', 'widget', 'roles', 'title'],
  properties: {
    id,
    path: { type: 'string', pattern: '^/[a-z0-9-/]*$' },
    widget: id,
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...ROLES] } },
    title: localizedText,
  },
};

/**
 * The JSON Schema of `manifest.json` (draft-07). Typed with `JSONSchemaType<Manifest>`, so the
 * compiler refuses a schema that drifts from the `Manifest` type; `manifest.schema.json` is this
 * object written out, and a test keeps the two equal.
 */
export const manifestSchema: JSONSchemaType<Manifest> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://okr-align.dev/schemas/manifest.schema.json',
  title: 'OKR Align pack manifest',
  description: 'What the pack is, the host contract it needs, and what it contributes to a host.',
  type: 'object',
  additionalProperties: false,
  required: ['$schema', 'id', 'name', 'description', 'version', 'hostContract', 'contributes'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    name: localizedText,
    description: localizedText,
    version: { type: 'string', format: 'semver' },
    hostContract: { type: 'string', format: 'semver-range' },
    contributes: {
      type: 'object',
      additionalProperties: false,
      required: ['rules', 'settings', 'forms', 'widgets', 'roles', 'collections', 'pages'],
      properties: {
        rules: { type: 'array', items: rule },
        settings: {
          type: 'object',
          additionalProperties: false,
          required: ['schema', 'defaults'],
          properties: {
            schema: fileUnder('rules', '\\.schema\\.json'),
            defaults: fileUnder('rules', '\\.json'),
          },
        },
        forms: { type: 'array', items: form },
        widgets: { type: 'array', items: widget },
        roles: { type: 'array', items: role },
        collections: { type: 'array', items: collection },
        pages: { type: 'array', items: page },
      },
    },
  },
};
