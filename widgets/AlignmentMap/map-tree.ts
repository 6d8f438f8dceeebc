import type { Colour, Id, Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';

/** Progress and traffic light of one KR, as the host knows them (latest check-in, latest month). */
export interface KrStatus {
  /** 0–1 of the way from baseline to target; null before a check-in. */
  progress: number | null;
  colour: Colour | null;
}

export type MapNodeKind = 'objective' | 'unlinked' | 'region' | 'person' | 'kr';

/** Counts of a subtree's KRs, so a collapsed card still says how its part of the tree stands. */
export interface MapSummary {
  krs: number;
  /** Mean progress of the KRs that have one; null when none has. */
  progress: number | null;
  /** Mean alignment score, rounded. */
  score: number;
  below: number;
  colours: Record<Colour, number>;
}

export interface MapNode {
  /** Unique in the tree: the same KR appears under each Objective it is linked to. */
  key: string;
  kind: MapNodeKind;
  title: string;
  summary: MapSummary;
  children: MapNode[];
  /** KR leaves: the card and its status. */
  card?: AlignmentCard;
  status?: KrStatus;
  /** KR leaves: the weight of the link to the Objective above. */
  weight?: number;
}

const NO_STATUS: KrStatus = { progress: null, colour: null };

function summarise(leaves: readonly MapNode[]): MapSummary {
  const colours: Record<Colour, number> = { green: 0, amber: 0, red: 0 };
  let progressSum = 0;
  let withProgress = 0;
  let scoreSum = 0;
  let below = 0;
  for (const leaf of leaves) {
    const { card, status } = leaf;
    if (!card) continue;
    scoreSum += card.score;
    if (card.belowThreshold) below += 1;
    if (status?.colour) colours[status.colour] += 1;
    if (status?.progress != null) {
      progressSum += status.progress;
      withProgress += 1;
    }
  }
  return {
    krs: leaves.length,
    progress: withProgress ? progressSum / withProgress : null,
    score: leaves.length ? Math.round(scoreSum / leaves.length) : 0,
    below,
    colours,
  };
}

function leafOf(card: AlignmentCard, parentKey: string, status: KrStatus, weight?: number): MapNode {
  const leaf: MapNode = {
    key: `${parentKey}/kr:${card.kr.id}`,
    kind: 'kr',
    title: card.kr.title,
    summary: summarise([]),
    children: [],
    card,
    status,
    ...(weight === undefined ? {} : { weight }),
  };
  leaf.summary = summarise([leaf]);
  return leaf;
}

const group = (key: string, kind: MapNodeKind, title: string, children: MapNode[]): MapNode => ({
  key,
  kind,
  title,
  children,
  summary: summarise(children.flatMap(leavesOf)),
});

/** Every KR leaf under a node (the node itself when it is one). */
export function leavesOf(node: MapNode): MapNode[] {
  return node.kind === 'kr' ? [node] : node.children.flatMap(leavesOf);
}

/** Region → person → KR under one parent; region-owned KRs sit directly under their region. */
function byRegionAndPerson(
  entries: readonly { card: AlignmentCard; weight?: number }[],
  parentKey: string,
  status: (krId: Id) => KrStatus,
  hqName: string,
): MapNode[] {
  const regions = new Map<string, { title: string; entries: { card: AlignmentCard; weight?: number }[] }>();
  for (const entry of entries) {
    const id = entry.card.regionId ?? '';
    const region = regions.get(id) ?? {
      title: entry.card.regionId ? entry.card.regionName : hqName,
      entries: [],
    };
    region.entries.push(entry);
    regions.set(id, region);
  }
  return [...regions]
    .sort(([, a], [, b]) => a.title.localeCompare(b.title, 'zh-CN'))
    .map(([regionId, region]) => {
      const regionKey = `${parentKey}/region:${regionId}`;
      const people = new Map<string, { title: string; leaves: MapNode[] }>();
      const regionKrs: MapNode[] = [];
      for (const { card, weight } of region.entries) {
        if (card.kr.ownerType === 'region') {
          regionKrs.push(leafOf(card, regionKey, status(card.kr.id), weight));
          continue;
        }
        const personKey = `${regionKey}/person:${card.kr.ownerId}`;
        const person = people.get(personKey) ?? { title: card.ownerName, leaves: [] };
        person.leaves.push(leafOf(card, personKey, status(card.kr.id), weight));
        people.set(personKey, person);
      }
      const personNodes = [...people]
        .sort(([, a], [, b]) => a.title.localeCompare(b.title, 'zh-CN'))
        .map(([key, p]) => group(key, 'person', p.title, p.leaves));
      return group(regionKey, 'region', region.title, [...regionKrs, ...personNodes]);
    });
}

/**
 * The alignment tree: each strategic Objective → region → person → KR (a KR under every Objective it
 * is linked to, with the link's weight), then the KRs linked to none as a last branch.
 */
export function buildMapTree(
  objectives: readonly Objective[],
  cards: readonly AlignmentCard[],
  statusOf: Readonly<Record<Id, KrStatus>> = {},
  words: { unlinked: string; hq: string },
): MapNode[] {
  const status = (krId: Id) => statusOf[krId] ?? NO_STATUS;
  const known = new Set(objectives.map((o) => o.id));
  const trees = objectives.map((o) => {
    const key = `objective:${o.id}`;
    const entries = cards.flatMap((card) => {
      const link = card.kr.links.find((l) => l.objectiveId === o.id);
      return link ? [{ card, weight: link.weight }] : [];
    });
    return group(key, 'objective', o.title, byRegionAndPerson(entries, key, status, words.hq));
  });
  const unlinked = cards.filter((c) => !c.kr.links.some((l) => known.has(l.objectiveId)));
  if (unlinked.length === 0) return trees;
  const key = 'unlinked';
  const apart = byRegionAndPerson(
    unlinked.map((card) => ({ card })),
    key,
    status,
    words.hq,
  );
  return [...trees, group(key, 'unlinked', words.unlinked, apart)];
}

/**
 * The tree cut to what matches `query` (case-insensitive, in titles and owner names): a matching
 * node keeps its whole subtree, an ancestor of a match keeps only the way there. `open` lists the
 * nodes to expand so every match shows.
 */
export function searchTree(
  nodes: readonly MapNode[],
  query: string,
): { nodes: MapNode[]; open: Set<string> } {
  const q = query.trim().toLowerCase();
  const open = new Set<string>();
  if (!q) return { nodes: [...nodes], open };
  const hits = (n: MapNode) =>
    n.title.toLowerCase().includes(q) || (n.card?.ownerName.toLowerCase().includes(q) ?? false);
  const cut = (n: MapNode): MapNode | null => {
    if (hits(n)) return n;
    const children = n.children.map(cut).filter((c): c is MapNode => c !== null);
    if (children.length === 0) return null;
    open.add(n.key);
    return { ...n, children };
  };
  return { nodes: nodes.map(cut).filter((n): n is MapNode => n !== null), open };
}

/** Keys of the nodes open by default: everything for a small tree, else down to the regions. */
export function defaultOpen(nodes: readonly MapNode[], smallTreeLeaves = 60): Set<string> {
  const open = new Set<string>();
  const total = nodes.reduce((n, node) => n + node.summary.krs, 0);
  const walk = (n: MapNode, depth: number) => {
    if (n.kind === 'kr') return;
    if (total <= smallTreeLeaves || depth < 1) open.add(n.key);
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of nodes) walk(n, 0);
  return open;
}

/** Every node key with children, for "expand all". */
export function allGroupKeys(nodes: readonly MapNode[]): Set<string> {
  const keys = new Set<string>();
  const walk = (n: MapNode) => {
    if (n.children.length === 0) return;
    keys.add(n.key);
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return keys;
}
