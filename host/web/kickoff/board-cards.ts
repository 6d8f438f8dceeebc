import { alignmentFactors, alignmentScore } from '../../../plugin/domain/alignment.ts';
import { biggestGap } from '../../../plugin/domain/alignment-gaps.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Id, KeyResult, Objective } from '../../../plugin/domain/types.ts';
import type { AlignmentCard } from '../../../widgets/AlignmentBoard/index.tsx';
import type { endpoints } from '../api/endpoints.ts';

type Api = ReturnType<typeof endpoints>;

/** What the board's cards are named and scored with. */
export interface BoardContext {
  people: { id: Id; name: string; regionId: Id | null }[];
  regions: { id: Id; name: string }[];
  settings: Settings | null;
}

/**
 * Names, regions and settings for the cards. A QR session reads them too (the server gives it only
 * its board's people): without them a phone's cards had no region, no threshold and no reminder.
 */
export async function loadBoardContext(api: Api): Promise<BoardContext> {
  const [people, regions, settings] = await Promise.all([api.people(), api.regions(), api.settings()]);
  return { people, regions, settings: settings.settings };
}

/** The board's cards: owner and region names, score, threshold and the missing factor, as on every screen. */
export function boardCards(input: {
  keyResults: readonly KeyResult[];
  objectives: readonly Objective[];
  context: BoardContext | null;
  /** Names known without the people list: who is on the board, and the user. */
  knownNames: ReadonlyMap<Id, string>;
  /** The server's scores, used while the settings are not known. */
  serverScores: ReadonlyMap<Id, number>;
}): AlignmentCard[] {
  const { keyResults, context, knownNames, serverScores } = input;
  const objectives = [...input.objectives];
  const people = new Map((context?.people ?? []).map((p) => [p.id, p]));
  const regions = new Map((context?.regions ?? []).map((r) => [r.id, r.name]));
  const settings = context?.settings ?? null;
  const minScore = settings?.alignment.minScore;
  return keyResults
    .filter((kr) => !kr.archivedAt)
    .map((kr) => {
      const owner = kr.ownerType === 'person' ? people.get(kr.ownerId) : undefined;
      const regionId = kr.ownerType === 'region' ? kr.ownerId : (owner?.regionId ?? null);
      // Scores follow the live links when the settings are known.
      const score = settings ? alignmentScore(kr, objectives, settings) : (serverScores.get(kr.id) ?? 0);
      return {
        kr,
        ownerName:
          owner?.name ??
          (kr.ownerType === 'region'
            ? (regions.get(kr.ownerId) ?? kr.ownerId)
            : (knownNames.get(kr.ownerId) ?? kr.ownerId)),
        regionId,
        regionName: regionId ? (regions.get(regionId) ?? '') : '',
        score,
        belowThreshold: minScore === undefined ? false : score < minScore,
        gap: settings ? biggestGap(alignmentFactors(kr, objectives, settings), settings)?.factor : null,
      };
    });
}
