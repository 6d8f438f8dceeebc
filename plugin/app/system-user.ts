import type { HostUser } from '../sdk/index.ts';
import { SYSTEM_ACTOR } from './settings-store.ts';

/** Who acts when no one does (start-up, background rules runs): the system, as an administrator. */
export const SYSTEM_USER: HostUser = Object.freeze({
  userId: SYSTEM_ACTOR,
  personId: SYSTEM_ACTOR,
  name: SYSTEM_ACTOR,
  role: 'admin',
  regionId: null,
  scope: null,
});
