import document from '../../rules/automations.default.json' with { type: 'json' };
import type { AutomationDocument } from './types.ts';
import { validateAutomations } from './validate.ts';

let checked: AutomationDocument | null = null;

/** The shipped automations: the notifications the product sent before HR could edit them. */
export function defaultAutomations(): AutomationDocument {
  checked ??= validateAutomations(document, 'rules/automations.default.json');
  return checked;
}
