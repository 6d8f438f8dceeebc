import type { AutomationVersion } from '../../../plugin/automations/versions.ts';
import { versionFromRow } from './version-rows.ts';

export const toAutomationVersion = versionFromRow<AutomationVersion>('document');
