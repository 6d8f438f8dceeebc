import { type CustomRulesPreview, compareRuleEvents } from '../../engine/custom-rules-preview.ts';
import { readSnapshot } from '../../records/snapshot-read.ts';
import { defineCommand } from '../command.ts';
import { checkedDocument } from '../commands/custom-rules.ts';
import { badRequest, notFound } from '../errors.ts';
import { type EvaluationPorts, evaluateWithCustom, evaluationInputs } from './evaluation.ts';
import { snapshotFinderOf } from './transaction-snapshot.ts';

/** A custom rules document to preview, or the number of a stored version (a proposal). */
export type CustomRulesProposal = { document?: unknown; version?: number };

const FROM_STORAGE = { snapshotFrom: 'storage' } as const;

/**
 * Evaluates the current cycle under the published and the proposed custom rules (with the published
 * settings) and reports the events the proposal adds or removes, by region and subject.
 */
export async function previewCustomRules(
  ports: EvaluationPorts,
  proposal: CustomRulesProposal,
): Promise<CustomRulesPreview> {
  const proposed =
    proposal.document !== undefined
      ? proposal.document
      : await ports.uow.transaction(async (tx) => {
          if (proposal.version === undefined)
            throw badRequest(
              'nothing-to-preview',
              'custom rules preview: send "document" or the "version" of a stored proposal',
            );
          const stored = await tx.get('ruleVersions', String(proposal.version));
          if (!stored) throw notFound('custom rules version', String(proposal.version));
          return stored.document;
        });
  const document = checkedDocument(proposed);
  const { snapshot, settings, at, custom } = await evaluationInputs(ports, {}, 'custom rules preview');
  const [before, after] = await Promise.all([
    ports.evaluate({ snapshot, settings, at, custom, options: FROM_STORAGE }),
    ports.evaluate({ snapshot, settings, at, custom: document, options: FROM_STORAGE }),
  ]);
  return compareRuleEvents(snapshot, before.events, after.events, at);
}

/** The preview as an action (NocoBase's `okrAlign:previewCustomRules`): the engine runs in process. */
export const customRulesPreview = defineCommand<CustomRulesProposal, CustomRulesPreview>({
  name: 'rules.preview',
  summary: 'What a proposed custom rules document would raise or stop raising in the current cycle',
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      document: { type: 'object', additionalProperties: true },
      version: { type: 'integer', minimum: 1 },
    },
  },
  async run(ctx, proposal) {
    ctx.allow('create', { type: 'customRules' }, 'custom rules');
    return previewCustomRules(
      {
        uow: { transaction: (work) => work(ctx.tx) },
        data: {
          async snapshot(cycleId) {
            const cycle = cycleId ? await ctx.tx.get('cycles', cycleId) : null;
            if (!cycle) throw notFound('cycle', String(cycleId));
            return readSnapshot(snapshotFinderOf(ctx.tx), cycle);
          },
        },
        today: () => ctx.now.slice(0, 10),
        evaluate: async (run) => evaluateWithCustom(run),
      },
      proposal,
    );
  },
});
