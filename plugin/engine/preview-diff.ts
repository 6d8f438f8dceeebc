import type { Settings } from '../domain/settings.ts';
import type { Snapshot } from '../domain/types.ts';
import type { SettingsChange, SettingsPreview } from '../sdk/settings-store.ts';
import type { Evaluation } from './evaluate.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf-level differences between two JSON documents, by dotted path, in key order. */
export function diffDocuments(before: unknown, after: unknown, path = ''): SettingsChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffDocuments(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before: before ?? null, after: after ?? null }];
}

const split = (key: string): [string, string] => {
  const [a = '', b = ''] = key.split('|');
  return [a, b];
};

/**
 * What changes between two evaluations of the same snapshot under the current and a proposed settings
 * document: changed settings leaves, KRs that flip aligned/not aligned, month colours, escalations
 * opened or closed, and pool shares. Pure, so every host's settings preview reports the same; the host
 * only loads the snapshot and runs the two evaluations.
 */
export function compareEvaluations(
  snapshot: Snapshot,
  current: { settings: Settings; evaluation: Evaluation },
  proposed: { settings: Settings; evaluation: Evaluation },
  at: string,
): SettingsPreview {
  const before = current.evaluation;
  const after = proposed.evaluation;
  const scoreAfter = new Map(after.alignment.perKr.map((k) => [k.krId, k.score]));
  const personal = new Set(snapshot.keyResults.filter((k) => k.ownerType === 'person').map((k) => k.id));
  const alignmentFlips = before.alignment.perKr.flatMap((k) => {
    const score = scoreAfter.get(k.krId);
    if (score === undefined || !personal.has(k.krId)) return [];
    const was = k.score >= current.settings.alignment.minScore;
    const will = score >= proposed.settings.alignment.minScore;
    return was === will
      ? []
      : [{ krId: k.krId, before: { score: k.score, aligned: was }, after: { score, aligned: will } }];
  });

  const colourMap = (e: Evaluation) => new Map(e.colours.map((c) => [`${c.krId}|${c.month}`, c.colour]));
  const cb = colourMap(before);
  const ca = colourMap(after);
  const colours = [...new Set([...cb.keys(), ...ca.keys()])].sort().flatMap((key) => {
    const b = cb.get(key) ?? null;
    const a = ca.get(key) ?? null;
    if (a === b) return [];
    const [krId, month] = split(key);
    return [{ krId, month, before: b, after: a }];
  });

  const escalationKeys = (e: Evaluation) =>
    new Set(
      e.events
        .filter((x) => x.type === 'escalate' && x.subject.krId)
        .map((x) => `${x.subject.krId}|${x.subject.month ?? ''}`),
    );
  const eb = escalationKeys(before);
  const ea = escalationKeys(after);
  const escalations = [
    ...[...ea].filter((k) => !eb.has(k)).map((k) => ({ k, change: 'opened' as const })),
    ...[...eb].filter((k) => !ea.has(k)).map((k) => ({ k, change: 'closed' as const })),
  ]
    .sort((x, y) => x.k.localeCompare(y.k))
    .map(({ k, change }) => {
      const [krId, month] = split(k);
      return { krId, month, change };
    });

  const shares = (e: Evaluation) => new Map((e.pool?.allocations ?? []).map((a) => [a.personId, a.cents]));
  const pb = shares(before);
  const pa = shares(after);
  const poolShares = [...new Set([...pb.keys(), ...pa.keys()])].sort().flatMap((personId) => {
    const b = pb.get(personId) ?? null;
    const a = pa.get(personId) ?? null;
    return a === b ? [] : [{ personId, before: b, after: a }];
  });

  return {
    at,
    changes: diffDocuments(current.settings, proposed.settings),
    alignmentFlips,
    alignmentRate: { before: before.alignment.rate, after: after.alignment.rate },
    colours,
    escalations,
    poolShares,
  };
}
