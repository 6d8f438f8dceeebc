import type { Settings } from '../../../plugin/domain/settings.ts';
import { type CustomRuleDocument, effectiveSettings } from '../../../plugin/engine/custom-rules.ts';
import { type CustomRulesPreview, compareRuleEvents } from '../../../plugin/engine/custom-rules-preview.ts';
import { compareEvaluations } from '../../../plugin/engine/preview-diff.ts';
import type { SettingsPreview } from '../../../plugin/sdk/index.ts';
import { badRequest } from '../http-error.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import type { Evaluator } from './evaluator.ts';
import { currentSettings } from './settings-service.ts';

/** The settings preview plus what the published custom rules would find more or less under the proposal. */
export interface SettingsPreviewWithRules extends SettingsPreview {
  customEvents: CustomRulesPreview;
}

const isCustom = (e: { type: string }) => e.type.startsWith('custom.');

/**
 * Evaluates current data under the current and the proposed settings (the published custom rules run
 * in both) and reports what changes, with the custom rules' events that the proposal adds or removes:
 * a setting a custom rule declares changes nothing the built-in parts of the preview show.
 */
export async function previewSettings(
  db: Db,
  evaluator: Evaluator,
  proposed: Settings,
  custom: CustomRuleDocument | null,
  today: string,
): Promise<SettingsPreviewWithRules> {
  const cycle = await currentCycle(db, today);
  if (!cycle)
    throw badRequest('no-cycle', 'settings preview: there is no cycle to evaluate; create a cycle first');
  const snapshot = await loadSnapshot(db, cycle);
  // With the declared settings' defaults where HR set none, so a change reads `3 → 1`, not `— → {…}`.
  const current = effectiveSettings((await currentSettings(db)).settings, custom);
  const next = effectiveSettings(proposed, custom);
  const at = today < cycle.end ? today : cycle.end;
  const [before, after] = await Promise.all([
    evaluator.evaluate(snapshot, current, at, undefined, custom),
    evaluator.evaluate(snapshot, next, at, undefined, custom),
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
