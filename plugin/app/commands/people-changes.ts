import { randomUUID } from 'node:crypto';
import type { Cycle, Id, IsoDate, Person, PersonMove } from '../../domain/types.ts';
import { escalationAssignees } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound, staleVersion } from '../errors.ts';
import { openCycle, requireRegion } from '../guards.ts';
import { id, text, version } from '../input.ts';
import type { AppRecords, StoredEscalation } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { krSubject } from '../subjects.ts';

// People changes mid-quarter: a leaver's or mover's open KRs (and a leaver's open escalations) are
// handed over or closed here, each with its own audit row, and the person's dates feed the pool's
// tenure rule (plugin/domain/tenure.ts).
// Region history is the `personMoves` records: the person holds the current region, each move says
// since when (`on`, the first day in the new region).

type StoredPerson = AppRecords['people'];
type StoredKr = AppRecords['keyResults'];

const SUBJECT = { type: 'person' } as const;
const date = { type: 'string', format: 'date' } as const;
const reason = { ...text(500, 1), pattern: '\\S' } as const;

const invalid = (field: string, message: string) =>
  badRequest('invalid-request', message, { params: { field, reason: 'invalid', limit: '' } });
const required = (field: string, message: string) =>
  badRequest('invalid-request', message, { params: { field, reason: 'required', limit: '' } });

async function loadPerson(
  ctx: CommandContext,
  personId: Id,
  sent: number | undefined,
): Promise<StoredPerson> {
  const person = await ctx.tx.get('people', personId);
  if (!person) throw notFound('person', personId);
  if (sent !== undefined && sent !== (person.version ?? 1))
    throw staleVersion(`person ${person.name}`, sent, { ...person, version: person.version ?? 1 });
  return person;
}

function refuseLeft(person: Person, on: IsoDate): void {
  if (person.leftOn && person.leftOn < on)
    throw conflict(
      'person-left',
      `person ${person.name}: left on ${person.leftOn}; record nothing after that`,
      {
        params: { person: person.name, date: person.leftOn },
      },
    );
}

/** The cycle of `on`, refused when locked; the open cycles whose KRs the change touches. */
async function openCyclesFrom(ctx: CommandContext, on: IsoDate): Promise<Map<Id, Cycle>> {
  const cycles = await ctx.tx.find('cycles');
  const current = cycles.find((c) => c.start <= on && on <= c.end);
  if (current) await openCycle(ctx.tx, current.id);
  return new Map(cycles.filter((c) => !c.locked && c.end >= on).map((c) => [c.id, c]));
}

/** The person's live personal KRs in cycles still open on `on` (locked cycles stay as history). */
async function openKeyResults(
  ctx: CommandContext,
  personId: Id,
  cycles: Map<Id, Cycle>,
): Promise<StoredKr[]> {
  const krs = await ctx.tx.find('keyResults', { ownerType: 'person', ownerId: personId });
  return krs
    .filter((kr) => !kr.archivedAt && cycles.has(kr.cycleId))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The person who takes over: exists, is someone else and has not left. */
async function loadSuccessor(ctx: CommandContext, successorId: Id | undefined, person: Person, on: IsoDate) {
  if (!successorId)
    throw required('successorId', `person ${person.name}: name the successor who takes over the open KRs`);
  if (successorId === person.id)
    throw invalid('successorId', `person ${person.name}: the successor must be someone else`);
  const successor = await ctx.tx.get('people', successorId);
  if (!successor) throw notFound('person', successorId);
  if (successor.leftOn && successor.leftOn < on)
    throw conflict(
      'person-left',
      `person ${successor.name}: left on ${successor.leftOn}; pick someone still here`,
      {
        params: { person: successor.name, date: successor.leftOn },
      },
    );
  return successor;
}

/** Writes `patch` on a KR as a compare-and-set on the version read; a concurrent edit is a 409. */
async function writeKr(ctx: CommandContext, kr: StoredKr, patch: Partial<StoredKr>): Promise<StoredKr> {
  if (!(await ctx.tx.update('keyResults', kr.id, patch, kr.version))) {
    const current = await ctx.tx.get('keyResults', kr.id);
    if (!current) throw notFound('key result', kr.id);
    throw staleVersion(`key result ${kr.id}`, kr.version, current);
  }
  return { ...kr, ...patch, version: kr.version + 1 };
}

async function handOver(ctx: CommandContext, kr: StoredKr, successor: Person, why: string) {
  const after = await writeKr(ctx, kr, { ownerId: successor.id });
  await recordChange(
    ctx,
    {
      action: 'keyResult.reassign',
      subjectType: 'keyResult',
      subjectId: kr.id,
      before: { ownerId: kr.ownerId },
      after: { ownerId: successor.id, reason: why },
    },
    {
      cycleId: after.cycleId,
      message: { type: 'keyResult.saved', id: after.id, version: after.version, record: after },
      about: await krSubject(ctx.tx, after),
    },
  );
  return { id: kr.id, title: kr.title, change: 'reassigned' as const, ownerId: successor.id };
}

async function close(ctx: CommandContext, kr: StoredKr, why: string) {
  const subject = await krSubject(ctx.tx, kr);
  const after = await writeKr(ctx, kr, { archivedAt: ctx.now });
  await recordChange(
    ctx,
    {
      action: 'keyResult.archive',
      subjectType: 'keyResult',
      subjectId: kr.id,
      before: { archivedAt: null },
      after: { archivedAt: after.archivedAt, reason: why },
    },
    { cycleId: after.cycleId, message: { type: 'keyResult.removed', id: after.id }, about: subject },
  );
  return { id: kr.id, title: kr.title, change: 'archived' as const, ownerId: kr.ownerId };
}

/** The open escalations assigned to or raised by the person, on KRs of cycles still open, by id. */
async function openEscalations(ctx: CommandContext, personId: Id, cycles: Map<Id, Cycle>) {
  // Open escalations are few (each is resolved within days), so they are filtered here.
  const theirs = (await ctx.tx.find('escalations', { resolvedAt: null }))
    .filter((e) => e.assigneeId === personId || e.raisedById === personId)
    .sort((a, b) => a.id.localeCompare(b.id));
  const open: { escalation: StoredEscalation; kr: StoredKr }[] = [];
  for (const escalation of theirs) {
    const kr = await ctx.tx.get('keyResults', escalation.krId);
    if (kr && cycles.has(kr.cycleId)) open.push({ escalation, kr });
  }
  return open;
}

/**
 * A leaver's part in an open escalation is handed on: the raiser's (the KR owner's) to the successor,
 * else to the leaver's manager; the assignee's to the successor when they may act on it (as
 * `escalation.assign` allows), else to the manager, else to no one. A compare-and-set on the version
 * read; the new assignee is told once committed. Null when nothing of it was the leaver's to hand on.
 */
async function handOverEscalation(
  ctx: CommandContext,
  { escalation: e, kr }: { escalation: StoredEscalation; kr: StoredKr },
  leaver: Person,
  successor: Person | null,
  why: string,
) {
  const subject = await krSubject(ctx.tx, kr, 'escalation');
  const successorActs = successor !== null && escalationAssignees(subject, [successor]).length > 0;
  const heir = successor?.id ?? leaver.managerId;
  const assigneeId =
    e.assigneeId === leaver.id ? (successorActs ? successor.id : leaver.managerId) : e.assigneeId;
  const raisedById = e.raisedById === leaver.id && heir ? heir : e.raisedById;
  if (assigneeId === e.assigneeId && raisedById === e.raisedById) return null;
  if (!(await ctx.tx.update('escalations', e.id, { assigneeId, raisedById }, e.version))) {
    const current = await ctx.tx.get('escalations', e.id);
    if (!current) throw notFound('escalation', e.id);
    throw staleVersion(`escalation ${e.id}`, e.version, current);
  }
  const after: StoredEscalation = { ...e, assigneeId, raisedById, version: e.version + 1 };
  await recordChange(
    ctx,
    {
      action: 'escalation.assign',
      subjectType: 'escalation',
      subjectId: e.id,
      before: { assigneeId: e.assigneeId, raisedById: e.raisedById, version: e.version },
      after: { assigneeId, raisedById, version: after.version, reason: why },
    },
    {
      cycleId: kr.cycleId,
      message: {
        type: 'escalation.saved',
        id: e.id,
        krId: after.krId,
        version: after.version,
        record: after,
      },
      about: subject,
    },
  );
  if (assigneeId && assigneeId !== e.assigneeId)
    ctx.afterCommit(async () => {
      await ctx.ports.notify({
        recipientIds: [assigneeId],
        kind: 'escalation.assigned',
        params: { reason: e.reason, month: e.month },
        subject: { krId: e.krId, month: e.month, escalationId: e.id },
        dedupKey: `escalation:${e.id}:assigned:${assigneeId}`,
      });
    });
  return { id: e.id, assigneeId, raisedById };
}

/** The person's row written as a compare-and-set on the version read: a second writer gets a 409. */
async function writePerson(ctx: CommandContext, person: StoredPerson, patch: Partial<Person>) {
  const read = person.version ?? 1;
  if (!(await ctx.tx.update('people', person.id, patch, read))) {
    const current = await ctx.tx.get('people', person.id);
    if (!current) throw notFound('person', person.id);
    throw staleVersion(`person ${person.name}`, read, { ...current, version: current.version ?? 1 });
  }
  return { ...person, ...patch, version: read + 1 };
}

export const leavePerson = defineCommand({
  name: 'person.leave',
  summary:
    'Record that a person leaves on a date (their last day): their open KRs go to a named successor or are archived, each change audited',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'on', 'reason', 'krs'],
    additionalProperties: false,
    properties: {
      id,
      version,
      on: date,
      reason,
      krs: { enum: ['successor', 'archive'] },
      successorId: id,
    },
  },
  async run(
    ctx,
    b: {
      id: Id;
      version?: number;
      on: IsoDate;
      reason: string;
      krs: 'successor' | 'archive';
      successorId?: Id;
    },
  ) {
    ctx.allow('run', SUBJECT, 'person');
    const person = await loadPerson(ctx, b.id, b.version);
    if (person.leftOn)
      throw conflict('person-left', `person ${person.name}: already left on ${person.leftOn}`, {
        params: { person: person.name, date: person.leftOn },
      });
    if (person.joinedOn && b.on < person.joinedOn)
      throw invalid(
        'on',
        `person ${person.name}: the last day ${b.on} is before they joined (${person.joinedOn})`,
      );
    const cycles = await openCyclesFrom(ctx, b.on);
    const krs = await openKeyResults(ctx, person.id, cycles);
    const successor = b.krs === 'successor' ? await loadSuccessor(ctx, b.successorId, person, b.on) : null;
    const after = await writePerson(ctx, person, { leftOn: b.on });
    const changes = [];
    for (const kr of krs)
      changes.push(successor ? await handOver(ctx, kr, successor, b.reason) : await close(ctx, kr, b.reason));
    // After the KRs, so an escalation is announced with its KR's new owner.
    const escalations = [];
    for (const e of await openEscalations(ctx, person.id, cycles)) {
      const handed = await handOverEscalation(ctx, e, person, successor, b.reason);
      if (handed) escalations.push(handed);
    }
    await ctx.audit({
      action: 'person.leave',
      subjectType: 'person',
      subjectId: person.id,
      before: person,
      after: { ...after, reason: b.reason, krs: b.krs, successorId: successor?.id ?? null },
    });
    return { person: after, keyResults: changes, escalations };
  },
});

export const movePerson = defineCommand({
  name: 'person.move',
  summary:
    'Move a person to another region and manager from a date: their open KRs move with them or stay with a successor in the old region',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'on', 'reason', 'toRegionId', 'managerId', 'krs'],
    additionalProperties: false,
    properties: {
      id,
      version,
      on: date,
      reason,
      toRegionId: id,
      managerId: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
      krs: { enum: ['move', 'stay'] },
      successorId: id,
    },
  },
  async run(
    ctx,
    b: {
      id: Id;
      version?: number;
      on: IsoDate;
      reason: string;
      toRegionId: Id;
      managerId: Id | null;
      krs: 'move' | 'stay';
      successorId?: Id;
    },
  ) {
    ctx.allow('run', SUBJECT, 'person');
    const person = await loadPerson(ctx, b.id, b.version);
    refuseLeft(person, b.on);
    if (person.joinedOn && b.on < person.joinedOn)
      throw invalid(
        'on',
        `person ${person.name}: the move on ${b.on} is before they joined (${person.joinedOn})`,
      );
    await requireRegion(ctx.tx, b.toRegionId);
    if (b.toRegionId === person.regionId)
      throw invalid(
        'toRegionId',
        `person ${person.name}: already in region ${b.toRegionId}; pick another region`,
      );
    if (b.managerId === person.id)
      throw invalid('managerId', `person ${person.name}: nobody is their own manager; pick another manager`);
    if (b.managerId && !(await ctx.tx.get('people', b.managerId))) throw notFound('person', b.managerId);
    const krs = await openKeyResults(ctx, person.id, await openCyclesFrom(ctx, b.on));
    let successor: Person | null = null;
    if (b.krs === 'stay') {
      successor = await loadSuccessor(ctx, b.successorId, person, b.on);
      if (successor.regionId !== person.regionId)
        throw invalid(
          'successorId',
          `person ${person.name}: KRs that stay need a successor in the old region ${person.regionId ?? '-'}`,
        );
    }
    const move: PersonMove = {
      id: randomUUID(),
      personId: person.id,
      fromRegionId: person.regionId,
      toRegionId: b.toRegionId,
      fromManagerId: person.managerId,
      toManagerId: b.managerId,
      on: b.on,
      reason: b.reason,
      krs: b.krs,
      at: ctx.now,
      byId: ctx.user.personId,
    };
    const after = await writePerson(ctx, person, { regionId: b.toRegionId, managerId: b.managerId });
    await ctx.tx.insert('personMoves', move);
    const changes = [];
    if (successor) for (const kr of krs) changes.push(await handOver(ctx, kr, successor, b.reason));
    await ctx.audit({
      action: 'person.move',
      subjectType: 'person',
      subjectId: person.id,
      before: person,
      after: { ...after, move },
    });
    return { person: after, move, keyResults: changes };
  },
});
