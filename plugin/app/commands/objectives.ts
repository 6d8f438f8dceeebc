import { randomUUID } from 'node:crypto';
import type { Id, Objective } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { checkCustomValues, customValuesSchema } from '../custom-values.ts';
import { conflict, notFound, staleVersion } from '../errors.ts';
import { openCycle } from '../guards.ts';
import { id, idAtVersion, text, version } from '../input.ts';
import type { AppRecords, CustomValues } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { liveObjective } from './archive-guard.ts';

type StoredObjective = AppRecords['objectives'];
type Editable = Partial<Pick<Objective, 'title' | 'description' | 'focusTags' | 'weight' | 'ownerId'>> & {
  custom?: CustomValues | null;
};

const editable = {
  title: text(300, 1),
  description: text(4000),
  focusTags: { type: 'array', maxItems: 20, items: text(60, 1) },
  weight: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
  ownerId: id,
  custom: customValuesSchema,
} as const;

const SUBJECT = { type: 'objective' } as const;
const saved = (o: StoredObjective) => ({ type: 'objective.saved', id: o.id, version: o.version, record: o });

async function loadObjective(ctx: CommandContext, objectiveId: Id): Promise<StoredObjective> {
  const found = await ctx.tx.get('objectives', objectiveId);
  if (!found) throw notFound('objective', objectiveId);
  return found;
}

export const createObjective = defineCommand({
  name: 'objective.create',
  summary: 'Add a strategic objective to a cycle',
  changesRules: true,
  input: {
    type: 'object',
    required: ['cycleId', 'title', 'weight'],
    additionalProperties: false,
    properties: { cycleId: id, ...editable },
  },
  async run(ctx, b: Editable & Pick<Objective, 'cycleId' | 'title' | 'weight'>) {
    ctx.allow('create', SUBJECT, 'objective');
    await openCycle(ctx.tx, b.cycleId);
    const objective: StoredObjective = {
      id: randomUUID(),
      cycleId: b.cycleId,
      title: b.title,
      description: b.description ?? '',
      ownerId: b.ownerId ?? ctx.user.personId,
      focusTags: b.focusTags ?? [],
      weight: b.weight,
      version: 1,
      custom: await checkCustomValues(ctx.tx, 'objective', b.custom, null),
    };
    await ctx.tx.insert('objectives', objective);
    await recordChange(
      ctx,
      {
        action: 'objective.create',
        subjectType: 'objective',
        subjectId: objective.id,
        before: null,
        after: objective,
      },
      { cycleId: objective.cycleId, message: saved(objective), about: SUBJECT },
    );
    return objective;
  },
});

export const updateObjective = defineCommand({
  name: 'objective.update',
  summary: 'Edit an objective on the row version the caller read',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'version'],
    additionalProperties: false,
    properties: { id, version, ...editable },
  },
  async run(ctx, b: Editable & { id: Id; version: number }) {
    ctx.allow('update', SUBJECT, 'objective');
    const { id: objectiveId, version: sent, custom: customSent, ...patch } = b;
    const before = await loadObjective(ctx, objectiveId);
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== sent) throw staleVersion(`objective ${before.id}`, sent, before);
    liveObjective(before, 'objective');
    const custom = await checkCustomValues(ctx.tx, 'objective', customSent, before.custom ?? null);
    if (!(await ctx.tx.update('objectives', before.id, { ...patch, custom }, sent))) {
      const current = await loadObjective(ctx, before.id);
      throw staleVersion(`objective ${before.id}`, sent, current);
    }
    const after: StoredObjective = { ...before, ...patch, custom, version: sent + 1 };
    await recordChange(
      ctx,
      { action: 'objective.update', subjectType: 'objective', subjectId: before.id, before, after },
      { cycleId: after.cycleId, message: saved(after), about: SUBJECT },
    );
    return after;
  },
});

export const deleteObjective = defineCommand({
  name: 'objective.delete',
  summary: 'Remove an objective no key result links to (with a version: only at that version)',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: { id, version },
  },
  async run(ctx, b: { id: Id; version?: number }) {
    ctx.allow('delete', SUBJECT, 'objective');
    const before = await loadObjective(ctx, b.id);
    await openCycle(ctx.tx, before.cycleId);
    const links = await ctx.tx.find('links', { objectiveId: before.id });
    if (links.length > 0)
      throw conflict(
        'objective-linked',
        `objective ${before.id}: ${links.length} key results link to it; remove those links first`,
        { params: { count: links.length } },
      );
    const expected = b.version ?? before.version;
    if (!(await ctx.tx.remove('objectives', before.id, expected))) {
      const current = await loadObjective(ctx, before.id);
      throw staleVersion(`objective ${before.id}`, expected, current);
    }
    await recordChange(
      ctx,
      { action: 'objective.delete', subjectType: 'objective', subjectId: before.id, before, after: null },
      { cycleId: before.cycleId, message: { type: 'objective.removed', id: before.id }, about: SUBJECT },
    );
    return { ok: true as const };
  },
});

/**
 * Archiving never unlinks: KRs keep their links to an archived objective as history, but the snapshot
 * the rules, scores and pool read leaves the objective out, so those links stop counting from then on
 * (a KR whose only link it was shows in the board's unlinked tray). Boards list it greyed as archived.
 */
export const archiveObjective = defineCommand({
  name: 'objective.archive',
  summary:
    'Archive an objective: it leaves the board and the rules; links to it are kept as history and no longer count',
  changesRules: true,
  pathParams: ['id'],
  input: idAtVersion,
  async run(ctx, b: { id: Id; version: number }) {
    ctx.allow('delete', SUBJECT, 'objective');
    const before = await loadObjective(ctx, b.id);
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== b.version) throw staleVersion(`objective ${before.id}`, b.version, before);
    liveObjective(before, 'objective');
    if (!(await ctx.tx.update('objectives', before.id, { archivedAt: ctx.now }, b.version))) {
      const current = await loadObjective(ctx, before.id);
      throw staleVersion(`objective ${before.id}`, b.version, current);
    }
    const after: StoredObjective = { ...before, archivedAt: ctx.now, version: b.version + 1 };
    const links = await ctx.tx.find('links', { objectiveId: before.id });
    await recordChange(
      ctx,
      {
        action: 'objective.archive',
        subjectType: 'objective',
        subjectId: before.id,
        before: { archivedAt: null },
        after: { archivedAt: after.archivedAt, keptLinks: links.length },
      },
      { cycleId: after.cycleId, message: saved(after), about: SUBJECT },
    );
    return after;
  },
});
