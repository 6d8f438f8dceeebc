import type { Role } from '../../../plugin/domain/types.ts';
import type { Action, HostUser, Subject } from '../../../plugin/sdk/index.ts';

type Rule = (user: HostUser, subject: Subject) => boolean;

const roles =
  (...allowed: Role[]): Rule =>
  (u) =>
    allowed.includes(u.role);
const own: Rule = (u, s) => s.ownerPersonId != null && s.ownerPersonId === u.personId;
const inRegion: Rule = (u, s) => u.role === 'manager' && u.regionId !== null && s.regionId === u.regionId;
const any =
  (...rules: Rule[]): Rule =>
  (u, s) =>
    rules.some((r) => r(u, s));
const salesOwn: Rule = (u, s) => u.role === 'sales' && own(u, s);
const never: Rule = () => false;

const readTeamData = any(roles('admin', 'hr', 'strategy'), inRegion, salesOwn);
const writeOwnWork = any(roles('admin'), inRegion, salesOwn);

/**
 * Who may do what (DESIGN.md, "Who uses it"). One table for the whole server: route handlers and the
 * sdk `IdentityPort.can` both ask it, so the answers never drift apart.
 */
const POLICY: Record<Subject['type'], Partial<Record<Action, Rule>>> = {
  objective: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('strategy', 'admin'),
    update: roles('strategy', 'admin'),
    delete: roles('strategy', 'admin'),
  },
  keyResult: {
    read: readTeamData,
    create: writeOwnWork,
    update: writeOwnWork,
    delete: any(roles('admin'), inRegion),
    confirm: any(roles('admin'), inRegion),
  },
  link: { read: readTeamData, create: writeOwnWork, update: writeOwnWork, delete: writeOwnWork },
  checkIn: { read: readTeamData, create: writeOwnWork, update: writeOwnWork },
  escalation: {
    read: readTeamData,
    create: writeOwnWork,
    assign: any(roles('admin', 'hr'), inRegion),
    resolve: any(roles('admin'), inRegion),
  },
  activity: {
    read: readTeamData,
    create: any(roles('admin', 'hr'), inRegion),
    update: any(roles('admin', 'hr'), inRegion),
  },
  keyAccount: {
    read: readTeamData,
    create: any(roles('admin', 'hr'), inRegion, salesOwn),
    update: any(roles('admin', 'hr'), inRegion, salesOwn),
    delete: any(roles('admin', 'hr'), inRegion),
  },
  peerReview: {
    create: roles('sales', 'manager'),
    // Raw reviews (with reviewer ids) only for hr/admin; everyone else reads aggregates.
    read: roles('admin', 'hr'),
  },
  // The aggregate of one reviewee: themself, their regional manager, hr/admin. Never reviewer ids.
  person: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('admin'),
    update: roles('admin'),
  },
  settings: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('hr', 'admin'),
    publish: roles('hr', 'admin'),
    update: roles('hr', 'admin'),
  },
  formOverlay: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('hr', 'admin'),
    update: roles('hr', 'admin'),
    delete: roles('hr', 'admin'),
  },
  poolRun: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('hr', 'admin'),
    run: roles('hr', 'admin'),
    delete: roles('hr', 'admin'),
  },
  statement: { read: any(roles('admin', 'hr'), inRegion, salesOwn) },
  metrics: { read: roles('admin', 'hr', 'strategy', 'manager'), update: roles('hr', 'admin') },
  audit: { read: roles('admin', 'hr') },
};

/**
 * What a limited (QR) session may ever do, whatever its scope says: read what its board shows
 * (objectives, KRs, links, people's names, settings) and edit KRs and links of that board. Nothing
 * else, whoever minted the token: a strategy user's phone does not write objectives.
 */
const SCOPED: Partial<Record<Subject['type'], readonly Action[]>> = {
  objective: ['read'],
  keyResult: ['read', 'create', 'update'],
  link: ['read', 'create', 'update', 'delete'],
  person: ['read'],
  settings: ['read'],
};

/** True when `user` may do `action` on `subject`. */
export function can(user: HostUser, action: Action, subject: Subject): boolean {
  const rule = POLICY[subject.type]?.[action] ?? never;
  if (!rule(user, subject)) return false;
  if (user.scope) {
    if (!SCOPED[subject.type]?.includes(action)) return false;
    if (subject.boardId !== undefined && subject.boardId !== user.scope.boardId) return false;
    if (action !== 'read' && (subject.boardId === undefined || !user.scope.actions.includes(action)))
      return false;
  }
  return true;
}
