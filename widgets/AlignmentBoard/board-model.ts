import type { AlignmentFactorName } from '../../plugin/domain/alignment-gaps.ts';
import type { Id, KeyResult, Objective } from '../../plugin/domain/types.ts';
import { UNLINKED_ID } from '../test-ids.ts';

/** One KR as the board shows it; the host computes score and threshold with plugin/domain. */
export interface AlignmentCard {
  kr: KeyResult;
  ownerName: string;
  regionId: Id | null;
  regionName: string;
  /** Alignment score 0–100 (`alignmentScore`). */
  score: number;
  /** `score < settings.alignment.minScore`. */
  belowThreshold: boolean;
  /** The factor missing most (`biggestGap`), when the host computed it; the reminder names it. */
  gap?: AlignmentFactorName | null;
}

export interface BoardFilters {
  regionId: Id | null;
  personId: Id | null;
}

export const NO_FILTERS: BoardFilters = { regionId: null, personId: null };

export type BoardIntent =
  | { type: 'link'; krId: Id; objectiveId: Id; weight: number }
  | { type: 'unlink'; krId: Id; objectiveId: Id };

/** KrLink weights are shares of 100. */
const FULL_LINK_WEIGHT = 100;

export function matchesFilters(card: AlignmentCard, filters: BoardFilters): boolean {
  if (filters.regionId !== null && card.regionId !== filters.regionId) return false;
  if (
    filters.personId !== null &&
    !(card.kr.ownerType === 'person' && card.kr.ownerId === filters.personId)
  ) {
    return false;
  }
  return true;
}

/** Cards per column (objective id or UNLINKED_ID). Links to objectives not on the board are ignored. */
export function groupCards(
  cards: readonly AlignmentCard[],
  objectives: readonly Objective[],
  filters: BoardFilters,
): Map<Id, AlignmentCard[]> {
  const columns = new Map<Id, AlignmentCard[]>();
  for (const objective of objectives) columns.set(objective.id, []);
  const unlinked: AlignmentCard[] = [];
  for (const card of cards) {
    if (!matchesFilters(card, filters)) continue;
    let placed = false;
    for (const link of card.kr.links) {
      const column = columns.get(link.objectiveId);
      if (!column) continue;
      column.push(card);
      placed = true;
    }
    if (!placed) unlinked.push(card);
  }
  columns.set(UNLINKED_ID, unlinked);
  return columns;
}

/**
 * Weight proposed for a new link: the share not yet given to other links, or an equal share when
 * the KR's links already add up to the whole. The host may let the user adjust it afterwards.
 */
export function proposedLinkWeight(kr: KeyResult): number {
  const used = kr.links.reduce((sum, link) => sum + link.weight, 0);
  const remaining = FULL_LINK_WEIGHT - used;
  return remaining > 0 ? remaining : Math.round(FULL_LINK_WEIGHT / (kr.links.length + 1));
}

/**
 * What dropping a KR dragged from `from` (an objective id or UNLINKED_ID) onto `to` means:
 * tray → O links, O → tray unlinks, O → other O moves the link with its weight.
 */
export function dropIntents(kr: KeyResult, from: Id, to: Id | null): BoardIntent[] {
  if (to === null || to === from) return [];
  const alreadyLinked = kr.links.some((link) => link.objectiveId === to);
  if (from === UNLINKED_ID) {
    return alreadyLinked
      ? []
      : [{ type: 'link', krId: kr.id, objectiveId: to, weight: proposedLinkWeight(kr) }];
  }
  const unlink: BoardIntent = { type: 'unlink', krId: kr.id, objectiveId: from };
  if (to === UNLINKED_ID || alreadyLinked) return [unlink];
  const sourceWeight = kr.links.find((link) => link.objectiveId === from)?.weight ?? proposedLinkWeight(kr);
  return [unlink, { type: 'link', krId: kr.id, objectiveId: to, weight: sourceWeight }];
}

/** Distinct regions and person owners on the board, for the filter lists. */
export function filterOptions(cards: readonly AlignmentCard[]) {
  const regions = new Map<Id, string>();
  const people = new Map<Id, string>();
  for (const card of cards) {
    if (card.regionId !== null) regions.set(card.regionId, card.regionName);
    if (card.kr.ownerType === 'person') people.set(card.kr.ownerId, card.ownerName);
  }
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return {
    regions: [...regions].map(([value, label]) => ({ value, label })).sort(byLabel),
    people: [...people].map(([value, label]) => ({ value, label })).sort(byLabel),
  };
}
