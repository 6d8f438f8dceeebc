import { badRequest } from '../app/errors.ts';
import type { Transaction } from '../app/ports.ts';
import { defineVersionedDocument } from '../app/versioned-document.ts';
import type { AutomationDocument } from './types.ts';
import { AutomationDocumentError, validateAutomations } from './validate.ts';
import { type AutomationVersion, diffAutomations, shippedAutomations } from './versions.ts';

/** A document HR sent, checked; a bad one is a 400 listing every problem with its path. */
export function checkedDocument(doc: unknown) {
  try {
    return validateAutomations(doc, 'automations');
  } catch (err) {
    if (err instanceof AutomationDocumentError)
      throw badRequest('invalid-automations', err.message, {
        issues: err.issues,
        params: { count: err.issues.length },
      });
    throw err;
  }
}

const automationsDocument = defineVersionedDocument<AutomationVersion, AutomationDocument>({
  kind: 'automations',
  record: 'automationVersions',
  field: 'document',
  label: 'automations',
  versionNoun: 'automation version',
  inEffect: 'the automations in effect',
  subject: { type: 'automation' },
  auditSubject: 'automations',
  summaries: {
    propose: 'Store an automations document as a proposal; it takes effect once published',
    publish: 'Make a proposed automations version the one in effect (once)',
    discard: 'Set an automations proposal aside without publishing it',
    rollback: 'Publish a copy of an earlier published automations version (0: the shipped defaults)',
  },
  validate: checkedDocument,
  diff: diffAutomations,
  shipped: shippedAutomations,
});

export const {
  propose: proposeAutomations,
  publish: publishAutomations,
  discard: discardAutomations,
  rollback: rollbackAutomations,
} = automationsDocument;

/** The automations in effect, read in the command's transaction (version 0: the shipped defaults). */
export const currentAutomationsOf = (tx: Transaction): Promise<AutomationVersion> =>
  automationsDocument.current(tx);

export const AUTOMATION_COMMANDS = [
  proposeAutomations,
  publishAutomations,
  discardAutomations,
  rollbackAutomations,
] as const;
