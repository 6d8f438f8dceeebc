import { forbidden, unauthorized } from '../../../plugin/app/errors.ts';
import { checkInput, type InputSchema } from '../../../plugin/app/input.ts';
import { type Action, can, type HostUser, type Subject } from '../../../plugin/sdk/index.ts';
import type { PackService } from './pack-service.ts';

/** A read action's body (NocoBase keeps it in `values`), checked like a command's input. */
export function readInput<T>(p: Record<string, unknown>, schema: InputSchema, where: string): T {
  const values = p.values && typeof p.values === 'object' && !Array.isArray(p.values) ? p.values : {};
  return checkInput<T>(schema, values, where);
}

/** The signed-in pack user, refused with 403 unless the pack policy lets them `action` `subject`. */
export function readerOf(s: PackService, action: Action, subject: Subject, what: string): HostUser {
  if (!s.user) throw unauthorized();
  if (!can(s.user, action, subject))
    throw forbidden(`auth: ${s.user.role} ${s.user.personId} may not ${action} this ${what}`);
  return s.user;
}
