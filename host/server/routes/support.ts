import type { FastifyRequest } from 'fastify';
import type { KeyResult, Person } from '../../../plugin/domain/types.ts';
import {
  type Action,
  type BoardMessage,
  boardOf,
  can,
  type HostUser,
  type Subject,
} from '../../../plugin/sdk/index.ts';
import { krOwnership } from '../auth/kr-ownership.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { conflict, notFound } from '../http-error.ts';
import { getCycle, getKeyResult, listPeople } from '../storage/queries.ts';

export const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
export const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
export const quarter = { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } as const;
export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const version = { type: 'integer', minimum: 1 } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id } } as const;
/** Any JSON object (the shape is documented by the domain type it carries). */
export const anyObject = { type: 'object', additionalProperties: true } as const;
export const errorReply = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
  additionalProperties: true,
} as const;
export const okReply = { type: 'object', properties: { ok: { type: 'boolean' } } } as const;

export type PeopleIndex = Map<string, Person>;

export async function peopleIndex(ctx: ServerContext): Promise<PeopleIndex> {
  return new Map((await listPeople(ctx.db)).map((p) => [p.id, p]));
}

/** Ownership facts of a KR for the policy, with the board the KR is on. */
export function krSubject(
  kr: Pick<KeyResult, 'ownerType' | 'ownerId' | 'cycleId'>,
  people: PeopleIndex,
  type: Subject['type'] = 'keyResult',
): Subject {
  return { ...krOwnership(kr, people, type), boardId: boardOf(kr.cycleId) };
}

/** Ownership facts of a record that belongs to one person (activity, account, statement…). */
export function personSubject(personId: string, people: PeopleIndex, type: Subject['type']): Subject {
  return { type, ownerPersonId: personId, regionId: people.get(personId)?.regionId ?? null };
}

/** Sends a committed change to the cycle's board and re-evaluates the rules. Call only after commit. */
export function announce(ctx: ServerContext, cycleId: string, message: BoardMessage): void {
  ctx.bus.publish(boardOf(cycleId), message);
  ctx.rules.schedule();
}

/** Refuses an unknown person, then checks `action` on a record that person owns. */
export function authorizeForPerson(
  req: FastifyRequest,
  action: Action,
  personId: string,
  people: PeopleIndex,
  type: Subject['type'],
  what: string,
): HostUser {
  if (!people.has(personId)) throw notFound('person', personId);
  return authorize(req, action, personSubject(personId, people, type), what);
}

export async function loadKr(ctx: ServerContext, krId: string): Promise<KeyResult> {
  const kr = await getKeyResult(ctx.db, krId);
  if (!kr) throw notFound('key result', krId);
  return kr;
}

/** Refuses writes into a locked cycle. */
export async function assertCycleOpen(ctx: ServerContext, cycleId: string): Promise<void> {
  const cycle = await getCycle(ctx.db, cycleId);
  if (!cycle) throw notFound('cycle', cycleId);
  if (cycle.locked)
    throw conflict('cycle-locked', `cycle ${cycle.name}: the cycle is locked; its records no longer change`, {
      params: { cycle: cycle.name },
    });
}

export function canRead(user: HostUser, subject: Subject): boolean {
  return can(user, 'read', subject);
}

export function currentUser(req: FastifyRequest): HostUser {
  return req.user!;
}
