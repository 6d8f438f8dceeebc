import { type CustomRuleDocument, EMPTY_CUSTOM_RULES } from '../../../plugin/engine/custom-rules.ts';
import type { RuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { versionRows } from '../storage/version-rows.ts';

const rows = versionRows<RuleVersion, CustomRuleDocument>('document', () => EMPTY_CUSTOM_RULES);

export const toRuleVersion = rows.to;
export const fromRuleVersion = rows.from;
