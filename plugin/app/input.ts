import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { LINK_WEIGHT } from '../domain/link-weight.ts';
import { AppError } from './errors.ts';
import { fieldOf, fieldReason } from './field-reasons.ts';

/** A command's input as JSON Schema: shipped in the pack, used by every host, published as OpenAPI. */
export type InputSchema = Readonly<Record<string, unknown>>;

// No coercion and no removal: `["x"]` is not a title, `"5"` is not a version, an unknown field is refused.
const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-title', schemaType: 'string' });

const compiled = new WeakMap<InputSchema, ValidateFunction>();

/**
 * Checks `input` against `schema`; a bad input is a 400 `invalid-request` naming the field (dotted
 * path), the reason and the limit, the same on every host.
 */
export function checkInput<T>(schema: InputSchema, input: unknown, where: string): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(input)) return input as T;
  const [first] = validate.errors ?? [];
  const { reason, limit } = first ? fieldReason(first) : { reason: 'invalid' as const, limit: '' };
  const field = (first && fieldOf(first)) || 'body';
  const detail = first?.message ?? 'is invalid';
  throw new AppError(
    400,
    'invalid-request',
    `${where}: "${field}" ${detail}; fix the request and send it again`,
    {
      params: { field, reason, limit },
    },
  );
}

// Building blocks of input schemas.
/** The input of a command that takes none. */
export const noInput = { type: 'object', additionalProperties: false, properties: {} } as const;
export const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
export const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
export const quarter = { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } as const;
export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const version = { type: 'integer', minimum: 1 } as const;
/** The input of a command on one record at the version the caller read (delete, archive). */
export const idAtVersion = {
  type: 'object',
  required: ['id', 'version'],
  additionalProperties: false,
  properties: { id, version },
} as const;
/** A link's weight, 0 to 100: one schema with the board's channel and picker (plugin/domain/link-weight.ts). */
export const linkWeight = LINK_WEIGHT;
/** A number a person could mean: finite and under a sane maximum (no 1e20 progress). */
export const amount = { type: 'number', minimum: -1e12, maximum: 1e12 } as const;
