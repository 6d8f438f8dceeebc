import type { Action, HostUser, IdentityPort, Subject } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';

/**
 * The browser side of `IdentityPort`: the same policy table the server enforces, so the shell
 * shows only what will be allowed. The server still checks every call.
 */
export function browserIdentity(user: HostUser | null): IdentityPort {
  return {
    currentUser: () => user,
    can: (action: Action, subject: Subject) => (user ? can(user, action, subject) : false),
  };
}
