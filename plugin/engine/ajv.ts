import Ajv, { type ErrorObject, type SchemaValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface SumSchema {
  fields: string[];
  equals: number;
}

function numberAt(data: Record<string, unknown>, key: string): number | undefined {
  const value = data[key];
  return typeof value === 'number' ? value : undefined;
}

const validateSum: SchemaValidateFunction = (schema: SumSchema, data: unknown) => {
  if (data === null || typeof data !== 'object') return true;
  const record = data as Record<string, unknown>;
  const values = schema.fields.map((field) => numberAt(record, field));
  if (values.some((value) => value === undefined)) return true;
  const sum = values.reduce<number>((total, value) => total + (value ?? 0), 0);
  if (sum === schema.equals) return true;
  const terms = schema.fields.map((field, i) => `${field} ${values[i]}`).join(' + ');
  // Ajv fills instancePath and schemaPath of errors that leave them out.
  validateSum.errors = [
    {
      keyword: 'x-sum',
      params: { fields: schema.fields, equals: schema.equals, sum },
      message: `${terms} = ${sum}; these must add up to ${schema.equals}`,
    },
  ];
  return false;
};

const validateAscending: SchemaValidateFunction = (schema: [string, string], data: unknown) => {
  if (data === null || typeof data !== 'object') return true;
  const record = data as Record<string, unknown>;
  const [lowKey, highKey] = schema;
  const low = numberAt(record, lowKey);
  const high = numberAt(record, highKey);
  if (low === undefined || high === undefined || low <= high) return true;
  validateAscending.errors = [
    {
      keyword: 'x-ascending',
      params: { fields: schema },
      message: `${lowKey} (${low}) must not be above ${highKey} (${high})`,
    },
  ];
  return false;
};

/** An Ajv instance that knows our schema extensions: x-sum and x-ascending check, x-i18n and x-unit annotate. */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-i18n', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({
    keyword: 'x-sum',
    type: 'object',
    schemaType: 'object',
    errors: true,
    validate: validateSum,
    metaSchema: {
      type: 'object',
      required: ['fields', 'equals'],
      additionalProperties: false,
      properties: { fields: { type: 'array', items: { type: 'string' } }, equals: { type: 'number' } },
    },
  });
  ajv.addKeyword({
    keyword: 'x-ascending',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: validateAscending,
    metaSchema: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
  });
  return ajv;
}

/** `/rules/0/conditions/all/1` → `['rules', 0, 'conditions', 'all', 1]` */
export function instanceSegments(error: ErrorObject): (string | number)[] {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `['conditions', 'all', 0, 'value']` → `conditions.all[0].value` */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** JSON for a value in a message, shortened. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
