import Ajv, { type ErrorObject, type SchemaValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = {
  validate: (text: string) => boolean;
  compare?: (a: string, b: string) => number | undefined;
};

const CODE_0 = 48;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - CODE_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** True only when `text` starting at `start` is a `YYYY-MM-DD` that ajv-formats' full `date` accepts. */
function plainDateAt(text: string, start: number): boolean {
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return false;
  const year = digits(text, start, 4);
  const month = digits(text, start + 5, 2);
  const day = digits(text, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!);
}

/**
 * ajv-formats' full `date` and `date-time`, with a fast path for the plain forms the data uses
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ`): a plain text it accepts is accepted without regular
 * expressions or splitting; anything else goes to ajv-formats' own function, so every answer is its answer.
 */
function fastFormats(): Record<'date' | 'date-time', FormatDefinition> {
  const date = fullFormats.date as FormatDefinition;
  const dateTime = fullFormats['date-time'] as FormatDefinition;
  return {
    date: {
      ...date,
      validate: (text) => (text.length === 10 && plainDateAt(text, 0)) || date.validate(text),
    },
    'date-time': {
      ...dateTime,
      validate: (text) => {
        if (
          text.length === 20 &&
          (text.charCodeAt(10) | 32) === 116 && // t or T
          text.charCodeAt(13) === 58 &&
          text.charCodeAt(16) === 58 &&
          (text.charCodeAt(19) | 32) === 122 && // z or Z
          plainDateAt(text, 0)
        ) {
          const hour = digits(text, 11, 2);
          const minute = digits(text, 14, 2);
          const second = digits(text, 17, 2);
          if (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59)
            return true;
        }
        return dateTime.validate(text);
      },
    },
  };
}

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
  for (const [name, format] of Object.entries(fastFormats())) ajv.addFormat(name, format);
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
