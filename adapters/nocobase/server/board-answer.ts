import type { KrLink } from '../../../plugin/domain/types.ts';
import type { VisibleSnapshot } from '../../../plugin/sdk/index.ts';
import { type LinkRow, linkId } from './records.ts';

/** A link as the board answer carries it: with its row version, so the client can unlink without a 409 first. */
export type BoardLink = KrLink & { version?: number };

/**
 * The snapshot of an `okrAlign:board` answer: what the user may read, each KR link with the row
 * version of `links`, and no raw peer reviews (no block draws them; reviewers stay anonymous).
 */
export function boardSnapshot(visible: VisibleSnapshot, links: readonly LinkRow[]): VisibleSnapshot {
  const versions = new Map(links.map((l) => [linkId(l.krId, l.objectiveId), l.version]));
  return {
    ...visible,
    keyResults: visible.keyResults.map((kr) => ({
      ...kr,
      links: kr.links.map((l): BoardLink => {
        const version = versions.get(linkId(kr.id, l.objectiveId));
        return version === undefined ? l : { ...l, version };
      }),
    })),
    peerReviews: [],
  };
}
