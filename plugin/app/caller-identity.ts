import type { Action, HostUser, IdentityPort, Subject } from '../sdk/index.ts';
import { can } from '../sdk/permissions.ts';

/** The sdk `IdentityPort` of one caller (null: nobody signed in), answered by the pack's policy table. */
export const callerIdentity = (user: HostUser | null): IdentityPort => ({
  currentUser: () => user,
  can: (action: Action, subject: Subject) => (user ? can(user, action, subject) : false),
});
