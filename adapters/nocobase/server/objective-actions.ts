import { randomUUID } from 'node:crypto';
import type { Objective } from '../../../plugin/domain/types.ts';
import { boardOf } from '../../../plugin/sdk/index.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS } from './collections.ts';
import type { PackService } from './pack-service.ts';
import { type Body, bodyOf, id, noCustomValues, number, onlyKeys, refuse, text } from './requests.ts';
import type { Tables } from './tables.ts';
import { allow, announceOn, cycleOpen } from './write-support.ts';

type Handler = (s: PackService, p: Body, tables: Tables) => Promise<unknown>;
type ObjectivePatch = Partial<Pick<Objective, 'title' | 'focusTags' | 'weight' | 'ownerId'>>;

const FIELDS = ['title', 'focusTags', 'weight', 'ownerId', 'custom'] as const;

/** Fields of an objective with the reference host's limits (`objectiveFields`). */
function checkFields(b: Body): ObjectivePatch {
  const out: ObjectivePatch = {};
  if (b.title !== undefined) out.title = text(b.title, 'title', 300, 1);
  if (b.focusTags !== undefined) {
    if (!Array.isArray(b.focusTags) || b.focusTags.length > 20) {
      throw refuse(400, 'invalid-body', '"focusTags" must be a list of at most 20 tags');
    }
    out.focusTags = b.focusTags.map((t, i) => text(t, `focusTags[${i}]`, 60, 1));
  }
  if (b.weight !== undefined) {
    out.weight = number(b.weight, 'weight', { min: 0, max: 1000 });
    if (out.weight <= 0) throw refuse(400, 'invalid-body', '"weight" must be more than 0 and at most 1000');
  }
  if (b.ownerId !== undefined) out.ownerId = id(b.ownerId, 'ownerId');
  noCustomValues(b.custom, 'objective');
  return out;
}

/**
 * Body of `saveObjective`: without `id` a new objective (`cycleId`, `title` and `weight` required, as
 * `POST /api/objectives`), with `id` a change of the given fields (as `PATCH /api/objectives/:id`; the
 * cycle does not change). Objectives carry no row version in the pack's domain type: the last save wins.
 */
export function checkObjective(b: Body): {
  id: string | null;
  cycleId: string | null;
  fields: ObjectivePatch;
} {
  if (b.id === undefined || b.id === null) {
    onlyKeys(b, ['id', 'cycleId', ...FIELDS], 'objective');
    const cycleId = id(b.cycleId, 'cycleId');
    if (b.title === undefined || b.weight === undefined) {
      throw refuse(400, 'invalid-body', 'objective: give "title" and "weight"');
    }
    return { id: null, cycleId, fields: checkFields(b) };
  }
  onlyKeys(b, ['id', ...FIELDS], 'objective');
  return { id: id(b.id, 'id'), cycleId: null, fields: checkFields(b) };
}

/** Strategic Objectives, written by strategy and admin only, audited and announced on the cycle's board. */
export const OBJECTIVE_ACTIONS: Record<string, Handler> = {
  async saveObjective(s, p, tables) {
    const body = checkObjective(bodyOf(p));
    const personId = allow(s, body.id ? 'update' : 'create', { type: 'objective' }, 'objective');
    const before = body.id ? await s.data.get('objectives', body.id) : null;
    if (body.id && !before)
      throw refuse(404, 'not-found', `objective "${body.id}" does not exist; check the id`);
    const cycleId = before?.cycleId ?? body.cycleId!;
    await cycleOpen(s, cycleId);
    const after: Objective = before
      ? { ...before, ...body.fields }
      : {
          id: randomUUID(),
          cycleId,
          title: body.fields.title!,
          ownerId: body.fields.ownerId ?? personId,
          focusTags: body.fields.focusTags ?? [],
          weight: body.fields.weight!,
        };
    await tables.transaction(async (tx) => {
      if (before) {
        const { id: _id, ...values } = after;
        await tx.update(COLLECTIONS.objectives, after.id, values);
      } else await tx.create(COLLECTIONS.objectives, { ...after });
      await writeAudit(tx, {
        at: s.now(),
        actorId: personId,
        action: before ? 'objective.update' : 'objective.create',
        subject: `objective:${after.id}`,
        detail: { before, after },
      });
    });
    const about = { type: 'objective' as const, boardId: boardOf(cycleId) };
    announceOn(s, about, { type: 'objective.saved', id: after.id, record: after });
    return after;
  },
};
