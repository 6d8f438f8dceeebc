import { Ajv } from 'ajv';
import overlaySchema from '../../forms/overlay.schema.json' with { type: 'json' };
import { badRequest } from './errors.ts';

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

const validate = new Ajv({ strict: false, allErrors: true }).compile(overlaySchema);

/**
 * Checks a form overlay against `forms/overlay.schema.json` and refuses `{{ }}` anywhere: Formily
 * runs those as code, and an overlay is edited by people, so it must stay data.
 */
export function checkOverlay(formId: string, overlay: unknown): void {
  const hit = findExpression(overlay, '');
  if (hit)
    throw badRequest(
      'overlay-expression',
      `form overlay ${formId} › ${hit}: expressions ({{ }}) are not allowed; use plain values`,
    );
  if (!validate(overlay)) {
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
