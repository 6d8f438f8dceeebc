import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../plugin/engine/ajv.ts';

type Validate = (text: string) => boolean;
const ajv = createAjv();
const compiled = {
  date: ajv.compile({ type: 'string', format: 'date' }),
  'date-time': ajv.compile({ type: 'string', format: 'date-time' }),
};
const ours = (name: 'date' | 'date-time') => (text: string) => compiled[name](text);
const theirs = (name: 'date' | 'date-time') => (fullFormats[name] as { validate: Validate }).validate;

// Texts near the plain forms: digits, separators and the characters that decide (t, z, offsets, leap seconds).
const char = fc.constantFrom(...'0123456789-:TtZz+. '.split(''), '0', '1', '2', '3', '5', '9');
const nearDate = fc.array(char, { minLength: 8, maxLength: 12 }).map((c) => c.join(''));
const plain = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    min: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    t: fc.constantFrom('T', 't', ' ', 'x'),
    z: fc.constantFrom('Z', 'z', '+08:00', '', 'Q'),
  })
  .map(({ y, m, d, h, min, s, t, z }) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(y, 4)}-${p(m)}-${p(d)}${t}${p(h)}:${p(min)}:${p(s)}${z}`;
  });

describe('the fast paths of the date formats answer as ajv-formats does', () => {
  it('date', () => {
    const dates = fc.oneof(
      nearDate,
      plain.map((text) => text.slice(0, 10)),
    );
    fc.assert(
      fc.property(dates, (text) => {
        expect(ours('date')(text)).toBe(theirs('date')(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('date-time', () => {
    const texts = fc.oneof(
      plain,
      fc.array(char, { minLength: 18, maxLength: 22 }).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(ours('date-time')(text)).toBe(theirs('date-time')(text));
      }),
      {
        numRuns: 3000,
      },
    );
    for (const text of [
      '2026-06-30T23:59:60Z',
      '2026-02-29T10:00:00Z',
      '2024-02-29T10:00:00Z',
      '2026-13-01T00:00:00Z',
    ])
      expect(ours('date-time')(text)).toBe(theirs('date-time')(text));
  });
});
