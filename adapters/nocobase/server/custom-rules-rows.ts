import type { RuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { versionFromRow } from './version-rows.ts';

export const toRuleVersion = versionFromRow<RuleVersion>('document');
