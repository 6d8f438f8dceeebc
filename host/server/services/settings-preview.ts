import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsPreview } from '../../../plugin/sdk/index.ts';
import { badRequest } from '../http-error.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import type { Evaluator } from './evaluator.ts';
import { diffDocuments } from './settings-diff.ts';
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

  const scoreAfter = new Map(after.alignment.perKr.map((k) => [k.krId, k.score]));
  const personal = new Set(snapshot.keyResults.filter((k) => k.ownerType === 'person').map((k) => k.id));
  const alignmentFlips = before.alignment.perKr.flatMap((k) => {
    const s = scoreAfter.get(k.krId);
    if (s === undefined || !personal.has(k.krId)) return [];
    const was = k.score >= current.alignment.minScore;
    const will = s >= proposed.alignment.minScore;
    return was === will
      ? []
      : [{ krId: k.krId, before: { score: k.score, aligned: was }, after: { score: s, aligned: will } }];
  });

  const colourKey = (c: { krId: string; month: string }) => `${c.krId}|${c.month}`;
  const coloursBefore = new Map(before.colours.map((c) => [colourKey(c), c.colour]));
  const coloursAfter = new Map(after.colours.map((c) => [colourKey(c), c.colour]));
  const colours = [...new Set([...coloursBefore.keys(), ...coloursAfter.keys()])].sort().flatMap((key) => {
    const b = coloursBefore.get(key) ?? null;
    const a = coloursAfter.get(key) ?? null;
    if (a === b) return [];
    const [krId = '', month = ''] = key.split('|');
    return [{ krId, month, before: b, after: a }];
  });

  const escalationKeys = (events: typeof before.events) =>
    new Set(
      events
        .filter((e) => e.type === 'escalate' && e.subject.krId)
        .map((e) => `${e.subject.krId}|${e.subject.month ?? ''}`),
    );
  const escBefore = escalationKeys(before.events);
  const escAfter = escalationKeys(after.events);
  const escalations = [
    ...[...escAfter].filter((k) => !escBefore.has(k)).map((k) => ({ k, change: 'opened' as const })),
    ...[...escBefore].filter((k) => !escAfter.has(k)).map((k) => ({ k, change: 'closed' as const })),
  ]
    .sort((x, y) => x.k.localeCompare(y.k))
    .map(({ k, change }) => {
      const [krId = '', month = ''] = k.split('|');
      return { krId, month, change };
    });

  const shares = (p: typeof before.pool) => new Map((p?.allocations ?? []).map((a) => [a.personId, a.cents]));
  const poolBefore = shares(before.pool);
  const poolAfter = shares(after.pool);
  const poolShares = [...new Set([...poolBefore.keys(), ...poolAfter.keys()])].sort().flatMap((personId) => {
    const b = poolBefore.get(personId) ?? null;
    const a = poolAfter.get(personId) ?? null;
    return a === b ? [] : [{ personId, before: b, after: a }];
  });

  return {
    at,
    changes: diffDocuments(current, proposed),
    alignmentFlips,
    alignmentRate: { before: before.alignment.rate, after: after.alignment.rate },
    colours,
    escalations,
    poolShares,
  };
}
