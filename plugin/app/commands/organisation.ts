import { randomUUID } from 'node:crypto';
import { halfYear } from '../../domain/half-year.ts';
import { type Cycle, type Id, type Person, ROLES } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { requireRegion } from '../guards.ts';
import { id, text } from '../input.ts';

const nullableId = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const;
const person = {
  name: text(100, 1),
  role: { enum: [...ROLES] },
  regionId: nullableId,
  managerId: nullableId,
  baseBonusCents: { type: 'integer', minimum: 0, maximum: 100_000_000_00 },
  // First day at the company (person.join is person.create with it); leaving is person.leave.
  joinedOn: { type: ['string', 'null'], format: 'date' },
} as const;

type PersonFields = Partial<Omit<Person, 'id'>>;

/** A person's region and manager must exist; a manager is not their own manager. */
async function checkReferences(ctx: CommandContext, p: PersonFields, selfId: Id | null) {
  await requireRegion(ctx.tx, p.regionId);
  if (p.managerId) {
    if (p.managerId === selfId)
      throw badRequest(
        'invalid-request',
        `person ${selfId}: nobody is their own manager; pick another manager`,
        {
          params: { field: 'managerId', reason: 'invalid', limit: '' },
        },
      );
    if (!(await ctx.tx.get('people', p.managerId))) throw notFound('person', p.managerId);
  }
}

export const createRegion = defineCommand({
  name: 'region.create',
  summary: 'Add a sales region',
  input: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { id, name: text(100, 1) },
  },
  async run(ctx, b: { id?: Id; name: string }) {
    ctx.allow('create', { type: 'person' }, 'region');
    const region = { id: b.id ?? randomUUID(), name: b.name };
    await ctx.tx.insert('regions', region);
    await ctx.audit({
      action: 'region.create',
      subjectType: 'region',
      subjectId: region.id,
      before: null,
      after: region,
    });
    return region;
  },
});

export const updateRegion = defineCommand({
  name: 'region.update',
  summary: 'Rename a sales region',
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'name'],
    additionalProperties: false,
    properties: { id, name: text(100, 1) },
  },
  async run(ctx, b: { id: Id; name: string }) {
    ctx.allow('update', { type: 'person' }, 'region');
    const before = await ctx.tx.get('regions', b.id);
    if (!before) throw notFound('region', b.id);
    const after = { ...before, name: b.name };
    await ctx.tx.update('regions', b.id, { name: b.name });
    await ctx.audit({ action: 'region.update', subjectType: 'region', subjectId: b.id, before, after });
    return after;
  },
});

export const createPerson = defineCommand({
  name: 'person.create',
  summary: 'Add a person with role, region, manager and quarterly base bonus (in cents)',
  changesRules: true,
  input: {
    type: 'object',
    required: ['name', 'role'],
    additionalProperties: false,
    properties: { id, ...person },
  },
  async run(ctx, b: PersonFields & { id?: Id; name: string; role: Person['role'] }) {
    ctx.allow('create', { type: 'person' }, 'person');
    await checkReferences(ctx, b, null);
    const created: Person = {
      id: b.id ?? randomUUID(),
      name: b.name,
      role: b.role,
      regionId: b.regionId ?? null,
      managerId: b.managerId ?? null,
      baseBonusCents: b.baseBonusCents ?? 0,
      ...(b.joinedOn ? { joinedOn: b.joinedOn } : {}),
    };
    await ctx.tx.insert('people', created);
    await ctx.audit({
      action: 'person.create',
      subjectType: 'person',
      subjectId: created.id,
      before: null,
      after: created,
    });
    return created;
  },
});

export const updatePerson = defineCommand({
  name: 'person.update',
  summary: "Change a person's name, role, region, manager or base bonus",
  changesRules: true,
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id, ...person } },
  async run(ctx, b: PersonFields & { id: Id }) {
    ctx.allow('update', { type: 'person' }, 'person');
    const { id: personId, ...patch } = b;
    const before = await ctx.tx.get('people', personId);
    if (!before) throw notFound('person', personId);
    await checkReferences(ctx, patch, personId);
    const after = { ...before, ...patch };
    await ctx.tx.update('people', personId, patch);
    await ctx.audit({ action: 'person.update', subjectType: 'person', subjectId: personId, before, after });
    return after;
  },
});

export const createCycle = defineCommand({
  name: 'cycle.create',
  summary: 'Open the half-year cycle of a January or July kickoff, with its months and quarters',
  input: {
    type: 'object',
    required: ['year', 'half'],
    additionalProperties: false,
    properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, half: { enum: [1, 2] } },
  },
  async run(ctx, b: { year: number; half: 1 | 2 }) {
    ctx.allow('update', { type: 'objective' }, 'cycle');
    const cycle = halfYear(b.year, b.half);
    const existing = await ctx.tx.get('cycles', cycle.id);
    if (existing)
      throw conflict('cycle-exists', `cycle ${existing.name} exists already; open it instead`, {
        params: { cycle: existing.name },
      });
    await ctx.tx.insert('cycles', cycle);
    await ctx.audit({
      action: 'cycle.create',
      subjectType: 'cycle',
      subjectId: cycle.id,
      before: null,
      after: cycle,
    });
    return cycle;
  },
});

export const lockCycle = defineCommand({
  name: 'cycle.lock',
  summary: 'Lock a cycle (its records no longer change) or unlock it',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'locked'],
    additionalProperties: false,
    properties: { id, locked: { type: 'boolean' } },
  },
  async run(ctx, b: { id: Id; locked: boolean }) {
    ctx.allow('update', { type: 'objective' }, 'cycle');
    const before = await ctx.tx.get('cycles', b.id);
    if (!before) throw notFound('cycle', b.id);
    const after: Cycle = { ...before, locked: b.locked };
    await ctx.tx.update('cycles', b.id, { locked: b.locked });
    await ctx.audit({
      action: b.locked ? 'cycle.lock' : 'cycle.unlock',
      subjectType: 'cycle',
      subjectId: b.id,
      before,
      after,
    });
    return after;
  },
});
