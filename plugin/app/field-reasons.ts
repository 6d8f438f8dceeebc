import type { ErrorObject } from 'ajv';
import type { FieldReason } from './error-codes.ts';

/** Why Ajv refused a value, as a stable reason the web shell words, and the limit it needs (or ''). */
export function fieldReason(error: ErrorObject): { reason: FieldReason; limit: string | number } {
  const p = error.params as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v ?? ''));
  switch (error.keyword) {
    case 'required':
      return { reason: 'required', limit: '' };
    case 'additionalProperties':
      return { reason: 'unknown-field', limit: '' };
    case 'type':
      return { reason: 'type', limit: list(p.type) };
    case 'minLength':
      return { reason: 'too-short', limit: Number(p.limit) };
    case 'maxLength':
      return { reason: 'too-long', limit: Number(p.limit) };
    case 'minimum':
    case 'exclusiveMinimum':
      return { reason: 'minimum', limit: Number(p.limit) };
    case 'maximum':
    case 'exclusiveMaximum':
      return { reason: 'maximum', limit: Number(p.limit) };
    case 'enum':
      return { reason: 'enum', limit: list(p.allowedValues) };
    case 'const':
      return { reason: 'const', limit: list(p.allowedValue) };
    case 'pattern':
      return { reason: 'pattern', limit: String(p.pattern) };
    case 'format':
      return { reason: 'format', limit: String(p.format) };
    case 'minItems':
    case 'minProperties':
      return { reason: 'too-few', limit: Number(p.limit) };
    case 'maxItems':
    case 'maxProperties':
      return { reason: 'too-many', limit: Number(p.limit) };
    case 'x-sum':
      return { reason: 'sum', limit: Number(p.equals) };
    case 'x-ascending':
      return { reason: 'ascending', limit: list(p.fields) };
    default:
      return { reason: 'invalid', limit: '' };
  }
}

/** The field an Ajv error is about, dotted (`patch.title`); a missing or unknown field is named itself. */
export function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') segments.push(String(p.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(p.additionalProperty));
  return segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}
