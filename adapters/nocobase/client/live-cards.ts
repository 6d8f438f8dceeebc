import { alignmentScore } from '../../../plugin/domain/alignment.ts';
import type { AlignmentCard } from '../../../widgets/AlignmentBoard/board-model.ts';
import type { LiveBoard } from './apply-board-message.ts';
import type { BoardData } from './board-data.ts';

/**
 * Cards of the live board: names from the loaded data, scores recomputed from the live links with the
 * settings and date the server evaluated at, so a change shows the score a reload would show.
 */
export function liveCards(board: LiveBoard, d: BoardData): AlignmentCard[] {
  const person = new Map(d.snapshot.people.map((p) => [p.id, p]));
  const region = new Map(d.snapshot.regions.map((r) => [r.id, r.name]));
  return board.keyResults.map((kr) => {
    const owner = kr.ownerType === 'person' ? person.get(kr.ownerId) : undefined;
    const regionId = kr.ownerType === 'region' ? kr.ownerId : (owner?.regionId ?? null);
    const score = alignmentScore(kr, board.objectives, d.settings, d.at);
    return {
      kr,
      ownerName: owner?.name ?? (regionId ? (region.get(regionId) ?? kr.ownerId) : kr.ownerId),
      regionId,
      regionName: regionId ? (region.get(regionId) ?? regionId) : '',
      score,
      belowThreshold: score < d.settings.alignment.minScore,
    };
  });
}
