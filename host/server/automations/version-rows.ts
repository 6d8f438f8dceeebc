import type { AutomationDocument } from '../../../plugin/automations/types.ts';
import type { AutomationVersion } from '../../../plugin/automations/versions.ts';
import { versionRows } from '../storage/version-rows.ts';

export const automationRows = versionRows<AutomationVersion, AutomationDocument>('document', () => ({
  version: 1,
  automations: [],
}));
export const { to: toAutomationVersion, from: fromAutomationVersion } = automationRows;
