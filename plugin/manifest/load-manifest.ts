import Ajv, { type ErrorObject } from 'ajv';
import { ROLES } from '../domain/types.ts';
import { ManifestError, type ManifestIssue } from './manifest-error.ts';
import { manifestSchema } from './manifest-schema.ts';
import { CONTRIBUTION_KINDS, type Manifest } from './manifest-types.ts';
import { isSemverRange, isSemverVersion } from './semver.ts';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('semver', isSemverVersion);
ajv.addFormat('semver-range', isSemverRange);
const validate = ajv.compile(manifestSchema);

function pathOf(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function valueAt(json: unknown, instancePath: string): unknown {
  let value = json;
  for (const segment of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function issueOf(error: ErrorObject, json: unknown): ManifestIssue {
  const path = pathOf(error.instancePath);
  const value = JSON.stringify(valueAt(json, error.instancePath));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: join(path, String(params.missingProperty)),
        message: `missing required property "${String(params.missingProperty)}"; add it.`,
      };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (path === 'contributes') {
        return {
          path: join(path, key),
          message: `unknown contribution kind "${key}"; a pack contributes only ${CONTRIBUTION_KINDS.join(', ')}.`,
        };
      }
      return { path: join(path, key), message: `unknown property "${key}"; remove it or fix its spelling.` };
    }
    case 'format':
      if (params.format === 'semver-range') {
        return {
          path,
          message: `${value} is not a semver range; write one such as "^1.0.0" or ">=1.2.0 <2.0.0".`,
        };
      }
      if (params.format === 'semver') {
        return { path, message: `${value} is not a semver version; write one such as "1.0.0".` };
      }
      break;
    case 'pattern':
      if (/(^|\.)(id|widget|collection)$/.test(path)) {
        return {
          path,
          message: `${value} is not a namespaced id; use lower-case kebab-case words joined by dots, e.g. "okr-align.key-result".`,
        };
      }
      return {
        path,
        message: `${value} does not match ${String(params.pattern)}; use a path relative to the pack root.`,
      };
    case 'enum':
      return {
        path,
        message: `${value} is not allowed; use one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'type':
      return { path, message: `${value} must be of type ${String(params.type)}.` };
  }
  return { path, message: `${error.message ?? 'is invalid'}.` };
}

type Ided = { id: string };

function checkIds(manifest: Manifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const prefix = `${manifest.id}.`;
  const lists: [string, Ided[]][] = [
    ['rules', manifest.contributes.rules],
    ['forms', manifest.contributes.forms],
    ['widgets', manifest.contributes.widgets],
    ['collections', manifest.contributes.collections],
    ['pages', manifest.contributes.pages],
  ];
  for (const [kind, items] of lists) {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const path = `contributes.${kind}[${index}].id`;
      if (!item.id.startsWith(prefix)) {
        issues.push({
          path,
          message: `"${item.id}" is not in the pack's namespace; start it with "${prefix}".`,
        });
      }
      const first = seen.get(item.id);
      if (first !== undefined) {
        issues.push({
          path,
          message: `duplicate ${kind.replace(/s$/, '')} id "${item.id}" (also at contributes.${kind}[${first}]); give each one its own id.`,
        });
      } else {
        seen.set(item.id, index);
      }
    });
  }
  const roles = new Map<string, number>();
  manifest.contributes.roles.forEach((role, index) => {
    const first = roles.get(role.id);
    if (first !== undefined) {
      issues.push({
        path: `contributes.roles[${index}].id`,
        message: `duplicate role id "${role.id}" (also at contributes.roles[${first}]); declare each role once.`,
      });
    } else {
      roles.set(role.id, index);
    }
  });
  for (const role of ROLES) {
    if (!roles.has(role)) {
      issues.push({
        path: 'contributes.roles',
        message: `role "${role}" is missing; the pack's rules and pages need it.`,
      });
    }
  }
  return issues;
}

function checkReferences(manifest: Manifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const collections = new Set(manifest.contributes.collections.map((c) => c.id));
  const widgets = new Set(manifest.contributes.widgets.map((w) => w.id));
  manifest.contributes.forms.forEach((form, index) => {
    if (!collections.has(form.collection)) {
      issues.push({
        path: `contributes.forms[${index}].collection`,
        message: `no collection "${form.collection}" is contributed; add it to contributes.collections or fix the id.`,
      });
    }
  });
  const paths = new Map<string, number>();
  manifest.contributes.pages.forEach((page, index) => {
    if (!widgets.has(page.widget)) {
      issues.push({
        path: `contributes.pages[${index}].widget`,
        message: `no widget "${page.widget}" is contributed; add it to contributes.widgets or fix the id.`,
      });
    }
    const first = paths.get(page.path);
    if (first !== undefined) {
      issues.push({
        path: `contributes.pages[${index}].path`,
        message: `duplicate page path "${page.path}" (also at contributes.pages[${first}]); give each page its own path.`,
      });
    } else {
      paths.set(page.path, index);
    }
  });
  return issues;
}

/**
 * Validates a parsed `manifest.json`: the JSON Schema (with `semver` and `semver-range` formats),
 * then ids in the pack's namespace and unique per kind, every role declared once, and forms and
 * pages pointing at contributed collections and widgets. File existence is a separate check
 * (`missingManifestFiles`), so this stays free of I/O.
 * @param source names the document in every message, e.g. `manifest.json`
 * @throws ManifestError listing every problem with its field path
 */
export function loadManifest(json: unknown, source = 'manifest.json'): Manifest {
  if (!validate(json)) {
    const issues = (validate.errors ?? []).map((error) => issueOf(error, json));
    throw new ManifestError(source, issues);
  }
  const issues = [...checkIds(json), ...checkReferences(json)];
  if (issues.length > 0) throw new ManifestError(source, issues);
  return json;
}
