import { effectiveSettings } from '../../engine/custom-rules.ts';
import { type CustomRulesPreview, compareRuleEvents } from '../../engine/custom-rules-preview.ts';
import { compareEvaluations } from '../../engine/preview-diff.ts';
import type { SettingsPreview } from '../../sdk/index.ts';
import { validateSettingsWithCustom } from '../commands/custom-rules.ts';
import { badRequest, notFound } from '../errors.ts';
import { type EvaluationPorts, evaluationInputs, publishedCustomRules } from './evaluation.ts';

/** The snapshot comes from the host's storage: it was checked when written. */
const FROM_STORAGE = { snapshotFrom: 'storage' } as const;

/** The settings preview plus what the published custom rules would find more or less under the proposal. */
export interface SettingsPreviewWithRules extends SettingsPreview {
  customEvents: CustomRulesPreview;
}

/** A settings document to preview, or the number of a stored version (a proposal). */
export type SettingsProposal = { settings?: unknown; version?: number };

const isCustom = (e: { type: string }) => e.type.startsWith('custom.');

/**
 * Evaluates the current cycle under the published and the proposed settings (the published custom
 * rules run in both) and reports what changes, with the custom rules' events the proposal adds or
 * removes: a setting a custom rule declares changes nothing the built-in parts of the preview show.
 * The caller's policy is the host's route (hr/admin); the sdk settings store previews for its user.
 */
export async function previewSettings(
  ports: EvaluationPorts,
  proposal: SettingsProposal,
): Promise<SettingsPreviewWithRules> {
  const proposed =
    proposal.settings !== undefined ? proposal.settings : await storedSettings(ports, proposal.version);
  const custom = await ports.uow.transaction(publishedCustomRules);
  const valid = validateSettingsWithCustom(proposed, 'settings preview', custom);
  const inputs = await evaluationInputs(ports, {}, 'settings preview');
  const { snapshot, at } = inputs;
  const next = effectiveSettings(valid, custom);
  // With the declared settings' defaults where HR set none, so a change reads `3 → 1`, not `— → {…}`.
  const current = effectiveSettings(inputs.settings, custom);
  const [before, after] = await Promise.all([
    ports.evaluate({ snapshot, settings: current, at, custom, options: FROM_STORAGE }),
    ports.evaluate({ snapshot, settings: next, at, custom, options: FROM_STORAGE }),
  ]);
  return {
    ...compareEvaluations(
      snapshot,
      { settings: current, evaluation: before },
      { settings: next, evaluation: after },
      at,
    ),
    customEvents: compareRuleEvents(
      snapshot,
      before.events.filter(isCustom),
      after.events.filter(isCustom),
      at,
    ),
  };
}

async function storedSettings(ports: EvaluationPorts, version: number | undefined): Promise<unknown> {
  if (version === undefined)
    throw badRequest(
      'nothing-to-preview',
      'settings preview: send "settings" (a document) or "version" (a stored proposal)',
    );
  const stored = await ports.uow.transaction((tx) => tx.get('settingsVersions', String(version)));
  if (!stored) throw notFound('settings version', String(version));
  return stored.settings;
}
