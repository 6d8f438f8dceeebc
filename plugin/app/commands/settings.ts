import type { Settings } from '../../domain/settings.ts';
import { diffDocuments } from '../../engine/index.ts';
import type { SettingsVersion } from '../../sdk/index.ts';
import type { Transaction } from '../ports.ts';
import { defineVersionedDocument } from '../versioned-document.ts';
import { currentRulesOf, validateSettingsWithCustom } from './custom-rules.ts';

const settingsDocument = defineVersionedDocument<SettingsVersion, Settings>({
  kind: 'settings',
  record: 'settingsVersions',
  field: 'settings',
  label: 'settings',
  versionNoun: 'settings version',
  inEffect: 'the current settings',
  subject: { type: 'settings' },
  auditSubject: 'settings',
  summaries: {
    propose: 'Store a settings document as a proposal; it takes effect once published',
    publish: 'Make a proposal the settings in effect (once)',
    discard: 'Set a proposal aside without publishing it',
    rollback: 'Publish a copy of an earlier published version as a new version',
  },
  // Values of the settings the published custom rules declare sit under `customRules`, checked by their ranges.
  validate: async (doc, tx) =>
    validateSettingsWithCustom(doc, 'settings proposal', (await currentRulesOf(tx)).document),
  diff: diffDocuments,
  changesRules: true,
  auditDocuments: true,
});

export const {
  propose: proposeSettings,
  publish: publishSettings,
  discard: discardSettings,
  rollback: rollbackSettings,
} = settingsDocument;

/** The published settings in effect, read in the command's transaction. */
export const currentSettingsOf = (tx: Transaction): Promise<SettingsVersion> => settingsDocument.current(tx);
