import type { ErrorObject } from 'ajv';
import { fieldPath, instanceSegments, show } from './ajv.ts';
import type { Issue } from './errors.ts';
import { didYouMean } from './suggest.ts';

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date like 2026-01-31',
  'date-time': 'a date-time like 2026-02-03T09:30:00Z',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** One readable issue per Ajv error, or null for errors that only repeat another (if/then). */
export function issueFromAjvError(
  error: ErrorObject,
  segments: readonly (string | number)[] = instanceSegments(error),
): Issue | null {
  const got = ` (got ${show(error.data)})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return null;
    case 'required':
      return {
        path: fieldPath([...segments, String(params.missingProperty)]),
        message: 'required field is missing',
      };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(
        (error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {},
      );
      return {
        path: fieldPath([...segments, name]),
        message: `is not a known field${didYouMean(name, known)}`,
      };
    }
    case 'type':
      return { path: fieldPath(segments), message: `must be ${typeWords(params.type)}${got}` };
    case 'minimum':
      return { path: fieldPath(segments), message: `must be at least ${params.limit}${got}` };
    case 'maximum':
      return { path: fieldPath(segments), message: `must be at most ${params.limit}${got}` };
    case 'const':
      return { path: fieldPath(segments), message: `must be ${show(params.allowedValue)}${got}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { path: fieldPath(segments), message: `must be one of ${allowed.join(', ')}${got}${hint}` };
    }
    case 'format': {
      const format = String(params.format);
      return { path: fieldPath(segments), message: `must be ${FORMAT_WORDS[format] ?? format}${got}` };
    }
    case 'pattern':
      return { path: fieldPath(segments), message: `must match ${String(params.pattern)}${got}` };
    default:
      return { path: fieldPath(segments), message: error.message ?? error.keyword };
  }
}

export function issuesFromAjv(errors: readonly ErrorObject[] | null | undefined): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const issue = issueFromAjvError(error);
    if (issue === null) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
