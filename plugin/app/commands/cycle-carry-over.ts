import { newestCheckIn } from '../../domain/check-in-order.ts';
import { addMonths, monthOf } from '../../domain/dates.ts';
import { halfYearContaining } from '../../domain/half-year.ts';
import { krProgress } from '../../domain/pace.ts';
import type { Cycle, Id } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { loadKeyResult, openCycle } from '../guards.ts';
import { id } from '../input.ts';
import type { AppRecords, StoredLink } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { krSubject } from '../subjects.ts';

type StoredKr = AppRecords['keyResults'];
type StoredObjective = AppRecords['objectives'];

/**
 * The id of a record's copy in `cycle`. Derived, not random: a second carry of the same KR finds its
 * copy (and two racing carries collide on the key, one success and one 409).
 */
const carriedId = (sourceId: Id, cycle: Cycle) => `${sourceId}@${cycle.id}`;

/** The half year after `cycle`, by the month after its end. */
export const nextCycleOf = (cycle: Cycle): Cycle =>
  halfYearContaining(`${addMonths(monthOf(cycle.end), 1)}-01`);

async function targetCycle(ctx: CommandContext, source: Cycle): Promise<Cycle> {
  const next = nextCycleOf(source);
  if (!(await ctx.tx.get('cycles', next.id)))
    throw conflict(
      'no-next-cycle',
      `cycle ${source.name}: the next cycle ${next.name} does not exist; create it first`,
      {
        params: { cycle: source.name, next: next.name },
      },
    );
  return openCycle(ctx.tx, next.id);
}

/** Refuses a KR of another cycle, one at or above its target, and one carried already. */
async function checkCarriable(ctx: CommandContext, kr: StoredKr, source: Cycle, target: Cycle) {
  if (kr.cycleId !== source.id)
    throw badRequest(
      'other-cycle',
      `key result ${kr.id} is in cycle ${kr.cycleId}, not ${source.id}; pick KRs of the cycle`,
    );
  const latest = newestCheckIn(await ctx.tx.find('checkIns', { krId: kr.id }));
  if (krProgress(kr, latest?.value ?? kr.baseline) >= 1)
    throw conflict(
      'kr-finished',
      `key result "${kr.title}" reached its target; only unfinished KRs are carried over`,
      {
        params: { title: kr.title },
      },
    );
  if (await ctx.tx.get('keyResults', carriedId(kr.id, target)))
    throw conflict('kr-carried', `key result "${kr.title}" was carried over to ${target.name} already`, {
      params: { title: kr.title, cycle: target.name },
    });
}

/** The copy of an objective in the target cycle: the one carried before, or a new one (audited). */
async function carryObjective(
  ctx: CommandContext,
  objectiveId: Id,
  target: Cycle,
  carried: Map<Id, StoredObjective>,
): Promise<StoredObjective> {
  const done = carried.get(objectiveId);
  if (done) return done;
  const copyId = carriedId(objectiveId, target);
  const existing = await ctx.tx.get('objectives', copyId);
  if (existing) {
    carried.set(objectiveId, existing);
    return existing;
  }
  const source = await ctx.tx.get('objectives', objectiveId);
  if (!source) throw notFound('objective', objectiveId);
  ctx.allow('create', { type: 'objective' }, 'objective');
  const copy: StoredObjective = { ...source, id: copyId, cycleId: target.id, version: 1 };
  await ctx.tx.insert('objectives', copy);
  await recordChange(
    ctx,
    {
      action: 'objective.carryOver',
      subjectType: 'objective',
      subjectId: copy.id,
      before: null,
      after: { ...copy, carriedFrom: source.id },
    },
    {
      cycleId: target.id,
      message: { type: 'objective.saved', id: copy.id, version: 1, record: copy },
      about: { type: 'objective' },
    },
  );
  carried.set(objectiveId, copy);
  return copy;
}

export const carryOverCycle = defineCommand({
  name: 'cycle.carryOver',
  summary: 'Copy unfinished key results of a cycle, with the objectives they serve, into the next cycle',
  changesRules: true,
  pathParams: ['cycleId'],
  input: {
    type: 'object',
    required: ['cycleId', 'krIds'],
    additionalProperties: false,
    properties: {
      cycleId: id,
      krIds: { type: 'array', minItems: 1, maxItems: 500, uniqueItems: true, items: id },
    },
  },
  async run(ctx, b: { cycleId: Id; krIds: Id[] }) {
    ctx.allow('update', { type: 'objective' }, 'cycle');
    const source = await ctx.tx.get('cycles', b.cycleId);
    if (!source) throw notFound('cycle', b.cycleId);
    const target = await targetCycle(ctx, source);
    const krs: StoredKr[] = [];
    for (const krId of b.krIds) {
      const kr = await loadKeyResult(ctx.tx, krId);
      await checkCarriable(ctx, kr, source, target);
      krs.push(kr);
    }
    // Objectives first: the carried KRs link to the copies.
    const objectives = new Map<Id, StoredObjective>();
    for (const kr of krs)
      for (const l of kr.links) await carryObjective(ctx, l.objectiveId, target, objectives);
    const carried: StoredKr[] = [];
    for (const kr of krs) {
      const copyId = carriedId(kr.id, target);
      const links: StoredLink[] = kr.links.map((l) => ({
        krId: copyId,
        objectiveId: (objectives.get(l.objectiveId) as StoredObjective).id,
        weight: l.weight,
        linkedAt: ctx.now,
        version: 1,
      }));
      const copy: StoredKr = {
        ...kr,
        id: copyId,
        cycleId: target.id,
        links: links.map(({ objectiveId, weight, linkedAt }) => ({ objectiveId, weight, linkedAt })),
        rationaleAt: kr.rationale ? ctx.now : null,
        confirmedAt: null,
        targetHistory: [],
        // The copy exists in the target cycle from now on (a carry-over before it starts owes all of it).
        createdAt: ctx.now,
        version: 1,
      };
      // Carrying over is the planners' decision (checked above), not each KR owner's.
      const subject = await krSubject(ctx.tx, copy);
      await ctx.tx.insert('keyResults', copy);
      for (const link of links) await ctx.tx.insert('links', link);
      await recordChange(
        ctx,
        {
          action: 'keyResult.carryOver',
          subjectType: 'keyResult',
          subjectId: copy.id,
          before: null,
          after: { ...copy, carriedFrom: kr.id },
        },
        {
          cycleId: target.id,
          message: { type: 'keyResult.saved', id: copy.id, version: 1, record: copy },
          about: subject,
        },
      );
      carried.push(copy);
    }
    return { cycleId: target.id, objectives: [...objectives.values()], keyResults: carried };
  },
});
