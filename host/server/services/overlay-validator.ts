import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { badRequest } from '../http-error.ts';

const EXPRESSION = /\{\{/;

function findExpression(value: unknown, path: string): string | null {
  if (typeof value === 'string') return EXPRESSION.test(value) ? path || '(root)' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findExpression(v, `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findExpression(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * Checks a form overlay against `forms/overlay.schema.json` (when the pack has it) and refuses `{{ }}`
 * anywhere: Formily runs those as code, and an overlay is edited by people, so it must stay data.
 */
export class OverlayValidator {
  private validate: ValidateFunction | null | undefined;

  constructor(private readonly packRoot: string) {}

  private compiled(): ValidateFunction | null {
    if (this.validate !== undefined) return this.validate;
    const file = join(this.packRoot, 'forms', 'overlay.schema.json');
    if (!existsSync(file)) return null;
    const ajv = new Ajv({ strict: false, allErrors: true });
    this.validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    return this.validate;
  }

  check(formId: string, overlay: unknown): void {
    const hit = findExpression(overlay, '');
    if (hit) {
      throw badRequest(
        'overlay-expression',
        `form overlay ${formId} › ${hit}: expressions ({{ }}) are not allowed; use plain values`,
      );
    }
    const validate = this.compiled();
    if (validate && !validate(overlay)) {
      const issues = (validate.errors ?? []).map((e) => ({
        path: e.instancePath || '/',
        message: e.message ?? 'invalid',
      }));
      const first = issues[0];
      throw badRequest(
        'invalid-overlay',
        `form overlay ${formId} › ${first?.path}: ${first?.message}; fix the overlay (see forms/overlay.schema.json)`,
        { issues },
      );
    }
  }
}
