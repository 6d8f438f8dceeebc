import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsPreview } from '../../../plugin/sdk/index.ts';
import { badRequest } from '../http-error.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import { compareEvaluations } from './engine.ts';
import type { Evaluator } from './evaluator.ts';
import { currentSettings } from './settings-service.ts';

/** Evaluates current data under the current and the proposed settings and reports what changes. */
export async function previewSettings(
  db: Db,
  evaluator: Evaluator,
  proposed: Settings,
  today: string,
): Promise<SettingsPreview> {
  const cycle = await currentCycle(db, today);
  if (!cycle)
    throw badRequest('no-cycle', 'settings preview: there is no cycle to evaluate; create a cycle first');
  const snapshot = await loadSnapshot(db, cycle);
  const { settings: current } = await currentSettings(db);
  const at = today < cycle.end ? today : cycle.end;
  const [before, after] = await Promise.all([
    evaluator.evaluate(snapshot, current, at),
    evaluator.evaluate(snapshot, proposed, at),
  ]);
  return compareEvaluations(
    snapshot,
    { settings: current, evaluation: before },
    { settings: proposed, evaluation: after },
    at,
  );
}
