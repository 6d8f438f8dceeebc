import type { Target } from '../../../../plugin/automations/types.ts';

/** A target as one select value: `owner`, `role:hr`, `person:<id>`. */
export const targetValue = (t: Target): string =>
  t.who === 'role' ? `role:${t.role ?? ''}` : t.who === 'person' ? `person:${t.personId ?? ''}` : t.who;

export function targetOf(value: string): Target {
  if (value.startsWith('role:')) return { who: 'role', role: value.slice(5) };
  if (value.startsWith('person:')) return { who: 'person', personId: value.slice(7) };
  return { who: value as Target['who'] };
}

let counter = 0;
/** A key for a step while it is edited (steps carry no id of their own). */
export const stepKey = () => `step-${++counter}`;
