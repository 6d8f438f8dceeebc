import type { Settings } from '../../domain/settings.ts';
import {
  type CustomRuleDocument,
  customSettingsIssues,
  validateCustomRules,
} from '../../engine/custom-rules.ts';
import { diffCustomRules, type RuleVersion, shippedRules } from '../../engine/custom-rules-versions.ts';
import { RuleFileError } from '../../engine/errors.ts';
import { badRequest } from '../errors.ts';
import type { Transaction } from '../ports.ts';
import { validateSettings } from '../settings-document.ts';
import { defineVersionedDocument } from '../versioned-document.ts';

/** A document the admin sent, checked like a rule file; a bad one is a 400 listing every problem with its path. */
export function checkedDocument(doc: unknown): CustomRuleDocument {
  try {
    return validateCustomRules(doc);
  } catch (err) {
    if (err instanceof RuleFileError)
      throw badRequest('invalid-custom-rules', err.message, {
        issues: err.issues.map((i) => ({
          path: i.field,
          message: i.message,
          ...(i.rule ? { rule: i.rule } : {}),
        })),
        params: { count: err.issues.length },
      });
    throw err;
  }
}

// The admin's rules (issue 19): versioned like the settings; policy `customRules` lets only the admin write.
const customRulesDocument = defineVersionedDocument<RuleVersion, CustomRuleDocument>({
  kind: 'rules',
  record: 'ruleVersions',
  field: 'document',
  label: 'custom rules',
  versionNoun: 'custom rules version',
  inEffect: 'the custom rules in effect',
  subject: { type: 'customRules' },
  auditSubject: 'customRules',
  summaries: {
    propose: 'Store a custom rules document as a proposal; the rules run once it is published',
    publish: 'Make a proposed custom rules version the one the engine runs (once)',
    discard: 'Set a custom rules proposal aside without publishing it',
    rollback: 'Publish a copy of an earlier published custom rules version (0: no custom rules)',
  },
  validate: checkedDocument,
  diff: diffCustomRules,
  shipped: shippedRules,
  changesRules: true,
});

export const {
  propose: proposeCustomRules,
  publish: publishCustomRules,
  discard: discardCustomRules,
  rollback: rollbackCustomRules,
} = customRulesDocument;

/** The custom rules in effect, read in the command's transaction (version 0: none). */
export const currentRulesOf = (tx: Transaction): Promise<RuleVersion> => customRulesDocument.current(tx);

export const CUSTOM_RULE_COMMANDS = [
  proposeCustomRules,
  publishCustomRules,
  discardCustomRules,
  rollbackCustomRules,
] as const;

/**
 * A settings document checked by the settings schema plus, under `customRules`, the settings the
 * published custom rules declare (their ranges); a bad one is a 400 listing every field problem.
 */
export function validateSettingsWithCustom(
  doc: unknown,
  source: string,
  custom: CustomRuleDocument,
): Settings {
  if (doc === null || typeof doc !== 'object' || !('customRules' in doc))
    return validateSettings(doc, source);
  const { customRules, ...rest } = doc as Record<string, unknown>;
  const settings = validateSettings(rest, source);
  const issues = customSettingsIssues(customRules, custom);
  if (issues.length > 0)
    throw badRequest(
      'invalid-settings',
      issues.map((i) => `${source} › ${i.path}: ${i.message}`).join('\n'),
      {
        issues,
        params: { count: issues.length },
      },
    );
  return { ...settings, customRules } as Settings;
}
