import type { FastifyRequest } from 'fastify';
import { krOwnership } from '../../../plugin/app/subjects.ts';
import type { KeyResult, Person } from '../../../plugin/domain/types.ts';
import { boardOf, can, type HostUser, type Subject } from '../../../plugin/sdk/index.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { getKeyResult, listPeople } from '../storage/queries.ts';

export const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
export const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
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

export async function loadKr(ctx: ServerContext, krId: string): Promise<KeyResult> {
  const kr = await getKeyResult(ctx.db, krId);
  if (!kr) throw notFound('key result', krId);
  return kr;
}

export function canRead(user: HostUser, subject: Subject): boolean {
  return can(user, 'read', subject);
}

export function currentUser(req: FastifyRequest): HostUser {
  return req.user!;
}
