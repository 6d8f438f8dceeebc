import type { Role } from '../domain/types.ts';
import type { Action, HostUser, Subject } from './identity-port.ts';

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
 * Who may do what (DESIGN.md, "Who uses it"). One table for every host: its endpoints, its
 * `IdentityPort.can` and its browser shell all ask it, so the answers never drift apart.
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
    // The reviewer's own review (the command checks it is theirs).
    update: roles('sales', 'manager'),
    // Raw reviews (with reviewer ids) only for hr/admin; everyone else reads aggregates.
    read: roles('admin', 'hr'),
    // Opening and closing a quarter's review window.
    run: roles('hr', 'admin'),
  },
  // The aggregate of one reviewee: themself, their regional manager, hr/admin. Never reviewer ids.
  person: {
    read: roles('admin', 'hr', 'strategy', 'manager', 'sales'),
    create: roles('admin'),
    update: roles('admin'),
    // People changes (leave, move: person.leave, person.move) that HR records too.
    run: roles('admin', 'hr'),
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
  // HR's automations (plugin/automations): what happens when a rule fires.
  automation: {
    read: roles('admin', 'hr'),
    create: roles('hr', 'admin'),
    publish: roles('hr', 'admin'),
    update: roles('hr', 'admin'),
    run: roles('hr', 'admin'),
  },
  // The regions' group robots (plugin/notify/channels.ts): addresses and secrets are the admin's.
  channel: {
    read: roles('admin'),
    create: roles('admin'),
    update: roles('admin'),
    delete: roles('admin'),
    run: roles('admin'),
  },
  // The admin's custom rules (plugin/engine/custom-rules.ts): rules are the admin's, HR reads them.
  customRules: {
    read: roles('admin', 'hr'),
    create: roles('admin'),
    publish: roles('admin'),
    update: roles('admin'),
  },
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

/**
 * True when `user` may do `action` on `subject`: the pack's role and permission table, pure data and
 * no I/O, so every host (the reference host's endpoints, a NocoBase adapter, a browser shell) answers
 * the same. A limited (QR) session is further held to its board and its actions.
 *
 * @param user - the signed-in user, with role, region and, for a limited session, its scope
 * @param action - what the user wants to do
 * @param subject - the collection and, when known, the record's owner, region and board
 * @returns false for any action the table does not list for the subject
 */
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
