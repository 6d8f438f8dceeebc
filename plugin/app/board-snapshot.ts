import type { KrLink } from '../domain/types.ts';
import type { VisibleSnapshot } from '../sdk/index.ts';
import { linkKey, type StoredLink } from './ports.ts';

/** A link as a board answer carries it: with its row version, so the client can unlink without a 409 first. */
export type BoardLink = KrLink & { version?: number };

/**
 * The snapshot of a board answer: what the user may read, each KR link with its stored row version,
 * and no raw peer reviews (no board block draws them; reviewers stay anonymous).
 */
export function boardSnapshot(visible: VisibleSnapshot, links: readonly StoredLink[]): VisibleSnapshot {
  const versions = new Map(links.map((l) => [linkKey(l.krId, l.objectiveId), l.version]));
  return {
    ...visible,
    keyResults: visible.keyResults.map((kr) => ({
      ...kr,
      links: kr.links.map((l): BoardLink => {
        const version = versions.get(linkKey(kr.id, l.objectiveId));
        return version === undefined ? l : { ...l, version };
      }),
    })),
    peerReviews: [],
  };
}
