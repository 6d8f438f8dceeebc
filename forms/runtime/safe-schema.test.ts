import { describe, expect, it } from 'vitest';
import { FORM_IDS } from './form-ids.ts';
import { packSchema } from './pack-schemas.ts';
import { compileSafeSchema, schemaProblems } from './safe-schema.ts';

describe('schemaProblems', () => {
  it('finds nothing in the pack schemas', () => {
    for (const id of FORM_IDS) expect(schemaProblems(packSchema(id)), id).toEqual([]);
  });

  it('flags expressions in values and keys, reactions, non-data and unknown components', () => {
    const problems = schemaProblems({
      type: 'object',
      properties: {
        a: { title: ' {{ globalThis.pwned = 1 }} ', 'x-component': 'Input' },
        '{{k}}': { type: 'string' },
        b: { 'x-reactions': { fulfill: { run: 'globalThis.pwned = 1' } } },
        c: { 'x-component': 'Iframe', 'x-decorator': 'Evil', default: () => 1 },
        d: { enum: [1, Number.NaN] },
      },
    });
    expect(problems.map((p) => [p.where, p.kind])).toEqual([
      ['properties.a.title', 'expression'],
      ['properties.{{k}}', 'expression'],
      ['properties.b.x-reactions', 'forbidden-key'],
      ['properties.c.x-component', 'component'],
      ['properties.c.x-decorator', 'component'],
      ['properties.c.default', 'not-data'],
      ['properties.d.enum[1]', 'not-data'],
    ]);
  });

  it('compileSafeSchema throws naming the source and the problem', () => {
    expect(() => compileSafeSchema({ title: '{{1}}' }, 'forms/test')).toThrow(
      /^forms\/test: refused an unsafe form schema \(title: expression "\{\{1\}\}"\)/,
    );
    expect(() => compileSafeSchema([], 'forms/test')).toThrow(/not an object/);
  });
});
