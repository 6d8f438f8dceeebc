import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { Evaluation } from '../api/endpoints.ts';
import { loadSnapshot } from '../host-contract/browser-data.ts';
import { useApp } from './app-context.tsx';
import { useAsync } from './use-async.ts';

export interface CycleData {
  snapshot: Snapshot;
  settings: Settings;
  settingsVersion: number;
  evaluation: Evaluation;
  /** The "as of" date of the server's evaluation: today, or the cycle's end once it is over. */
  at: string;
}

/** Everything of the current cycle the user may read, with the settings in effect and the server's evaluation. */
export function useCycleData(cycleId?: string | null) {
  const { api, currentCycleId } = useApp();
  const id = cycleId ?? currentCycleId ?? undefined;
  return useAsync<CycleData>(async () => {
    const [snapshot, settings, evaluation] = await Promise.all([
      loadSnapshot(api, id),
      api.settings(),
      api.evaluation(id),
    ]);
    return {
      snapshot,
      settings: settings.settings,
      settingsVersion: settings.version,
      evaluation,
      at: evaluation.at,
    };
  }, [api, id]);
}
