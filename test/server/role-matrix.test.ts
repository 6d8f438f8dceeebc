import { createSession } from '../../host/server/auth/sessions.ts';
import type { Role } from '../../plugin/domain/types.ts';
import { Client, LOGINS, startServer, type TestServer } from './helpers.ts';

/**
 * Every API route × every role. `allow` lists the roles that get past the guards (any status but
 * 401/403); every other role must get 403, and an anonymous caller 401 (unless the route is public).
 * A route registered without an entry here fails the test.
 */
interface Entry {
  route: string;
  path: string | (() => string);
  body?: unknown | (() => unknown);
  allow: Role[] | 'public';
  /** A QR-limited session (a rep's phone on the demo board) gets past the guards too. */
  scoped?: true;
}

const ALL: Role[] = ['admin', 'hr', 'strategy', 'manager', 'sales'];
const HR: Role[] = ['hr', 'admin'];
const OWN_WORK: Role[] = ['sales', 'manager', 'admin'];

// Routes of modules other helpers own (realtime, import, channels, schedules, reports, primer, automations): their
// own tests cover the data; here every one of them is checked against its declared access (anonymous
// gets 401, every role outside the declaration gets 403).
const OTHER_MODULES =
  /^\/api\/(realtime|boards?|qr|ws|import|channels|schedules|reports|primer|automations)\b/;

const ids = { run: '', escalation: '', proposal: 0 };
const kr = 'kr-zhaomin-1';
const checkIn = { value: 3, confidence: 6 };
const activity = {
  dealsSigned: 1,
  dealsAmountCents: 100,
  highMarginAmountCents: 50,
  clientVisits: 3,
  proposalsSent: 2,
  proposalsWon: 1,
  collectionsCents: 10,
};
let settingsDoc: unknown;

const MATRIX: Entry[] = [
  { route: 'GET /api/health', path: '/api/health', allow: 'public' },
  {
    route: 'POST /api/auth/login',
    path: '/api/auth/login',
    body: { login: LOGINS.sales, password: 'demo1234' },
    allow: 'public',
  },
  { route: 'GET /api/demo-logins', path: '/api/demo-logins', allow: 'public' },
  { route: 'GET /api/auth/me', path: '/api/auth/me', allow: ALL, scoped: true },
  { route: 'GET /api/auth/session', path: '/api/auth/session', allow: 'public' },
  { route: 'GET /api/cycles', path: '/api/cycles', allow: ALL, scoped: true },
  { route: 'GET /api/regions', path: '/api/regions', allow: ALL, scoped: true },
  { route: 'GET /api/people', path: '/api/people', allow: ALL, scoped: true },
  { route: 'GET /api/users', path: '/api/users', allow: ['admin'] },
  {
    route: 'POST /api/users',
    path: '/api/users',
    body: { login: 'new.user', password: 'long-enough-1', personId: 'person-zhaomin' },
    allow: ['admin'],
  },
  { route: 'POST /api/regions', path: '/api/regions', body: { name: '西北' }, allow: ['admin'] },
  {
    route: 'PATCH /api/regions/:id',
    path: '/api/regions/region-east',
    body: { name: '华东' },
    allow: ['admin'],
  },
  {
    route: 'POST /api/people',
    path: '/api/people',
    body: { name: '新同事', role: 'sales' },
    allow: ['admin'],
  },
  {
    route: 'POST /api/cycles',
    path: '/api/cycles',
    body: { year: 2031, half: 1 },
    allow: ['admin', 'strategy'],
  },
  { route: 'GET /api/openapi.json', path: '/api/openapi.json', allow: 'public' },
  {
    route: 'PATCH /api/people/:id',
    path: '/api/people/person-zhaomin',
    body: { name: '赵敏' },
    allow: ['admin'],
  },
  // People changes (person.leave, person.move): admin and hr; a person that does not exist answers 404.
  {
    route: 'POST /api/people/:id/leave',
    path: '/api/people/no-such-person/leave',
    body: { on: '2026-06-01', reason: '离职', krs: 'archive' },
    allow: ['admin', 'hr'],
  },
  {
    route: 'POST /api/people/:id/move',
    path: '/api/people/no-such-person/move',
    body: { on: '2026-06-01', reason: '调动', toRegionId: 'region-east', managerId: null, krs: 'move' },
    allow: ['admin', 'hr'],
  },
  {
    route: 'POST /api/cycles/:id/lock',
    path: '/api/cycles/no-such-cycle/lock',
    body: { locked: true },
    allow: ['admin', 'strategy'],
  },
  // First run, accounts and people files (issue 14): the demo database is set up, so setup answers 409.
  {
    route: 'POST /api/cycles/:cycleId/carry-over',
    path: '/api/cycles/cycle-2026-h1/carry-over',
    body: { krIds: [kr] },
    allow: ['admin', 'strategy'],
  },
  { route: 'GET /api/setup', path: '/api/setup', allow: 'public' },
  {
    route: 'POST /api/setup',
    path: '/api/setup',
    body: { companyName: 'X', adminName: 'X', login: 'first', password: 'Long-enough-1' },
    allow: 'public',
  },
  { route: 'GET /api/accounts', path: '/api/accounts', allow: ['admin'] },
  {
    route: 'POST /api/accounts',
    path: '/api/accounts',
    body: { personId: 'person-zhaomin', login: 'zhaomin2' },
    allow: ['admin'],
  },
  {
    route: 'POST /api/accounts/:personId/reset',
    path: '/api/accounts/person-nobody/reset',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'POST /api/accounts/:personId/disabled',
    path: '/api/accounts/person-nobody/disabled',
    body: { disabled: true },
    allow: ['admin'],
  },
  {
    route: 'POST /api/account-link/check',
    path: '/api/account-link/check',
    body: { token: 'x'.repeat(43) },
    allow: 'public',
  },
  {
    route: 'POST /api/account-link/redeem',
    path: '/api/account-link/redeem',
    body: { token: 'x'.repeat(43), password: 'Long-enough-1' },
    allow: 'public',
  },
  { route: 'GET /api/people-import/template', path: '/api/people-import/template', allow: ['admin'] },
  {
    route: 'POST /api/people-import',
    path: '/api/people-import',
    body: { fileName: 'p.csv', contentBase64: 'YQ==' },
    allow: ['admin'],
  },
  { route: 'GET /api/objectives', path: '/api/objectives', allow: ALL, scoped: true },
  {
    route: 'POST /api/objectives',
    path: '/api/objectives',
    body: { cycleId: 'cycle-2026-h1', title: 'O', weight: 1 },
    allow: ['strategy', 'admin'],
  },
  {
    route: 'PATCH /api/objectives/:id',
    path: '/api/objectives/obj-new-energy',
    body: { version: 99, weight: 1 },
    allow: ['strategy', 'admin'],
  },
  {
    route: 'DELETE /api/objectives/:id',
    path: '/api/objectives/obj-new-energy',
    allow: ['strategy', 'admin'],
  },
  {
    route: 'POST /api/objectives/:id/archive',
    path: '/api/objectives/obj-new-energy/archive',
    body: { version: 999 },
    allow: ['strategy', 'admin'],
  },
  { route: 'GET /api/key-results', path: '/api/key-results', allow: ALL, scoped: true },
  {
    route: 'GET /api/key-results/:id',
    path: `/api/key-results/${kr}`,
    allow: ['admin', 'hr', 'strategy', 'manager', 'sales'],
    scoped: true,
  },
  {
    route: 'POST /api/key-results',
    path: '/api/key-results',
    body: {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      title: 't',
      metric: 'number',
      baseline: 0,
      target: 1,
    },
    allow: OWN_WORK,
  },
  {
    route: 'PATCH /api/key-results/:id',
    path: `/api/key-results/${kr}`,
    body: { version: 999, title: 'x' },
    allow: OWN_WORK,
    scoped: true,
  },
  {
    route: 'POST /api/key-results/:id/confirm',
    path: `/api/key-results/${kr}/confirm`,
    body: { version: 999 },
    allow: ['manager', 'admin'],
  },
  {
    route: 'DELETE /api/key-results/:id',
    path: `/api/key-results/${kr}?version=999`,
    allow: ['manager', 'admin'],
  },
  {
    route: 'POST /api/key-results/:id/send-back',
    path: `/api/key-results/${kr}/send-back`,
    body: { version: 999, reason: '请补充客户名单' },
    allow: ['manager', 'admin'],
  },
  {
    route: 'POST /api/key-results/:id/archive',
    path: `/api/key-results/${kr}/archive`,
    body: { version: 999 },
    allow: ['manager', 'admin'],
  },
  {
    route: 'GET /api/key-results/:id/links',
    path: `/api/key-results/${kr}/links`,
    allow: ['admin', 'hr', 'strategy', 'manager', 'sales'],
    scoped: true,
  },
  {
    route: 'PUT /api/key-results/:id/links/:objectiveId',
    path: `/api/key-results/${kr}/links/obj-new-energy`,
    body: { weight: 50, version: 999 },
    allow: OWN_WORK,
    scoped: true,
  },
  {
    route: 'DELETE /api/key-results/:id/links/:objectiveId',
    path: `/api/key-results/${kr}/links/obj-new-energy?version=999`,
    allow: OWN_WORK,
    scoped: true,
  },
  {
    route: 'POST /api/key-results/:id/links/:objectiveId/move',
    path: `/api/key-results/${kr}/links/obj-new-energy/move`,
    body: { version: 999, toObjectiveId: 'obj-high-margin', weight: 50 },
    allow: OWN_WORK,
    scoped: true,
  },
  { route: 'GET /api/check-ins', path: '/api/check-ins', allow: ALL },
  {
    route: 'PUT /api/key-results/:id/check-ins/:month',
    path: `/api/key-results/${kr}/check-ins/2026-06`,
    body: checkIn,
    allow: OWN_WORK,
  },
  { route: 'GET /api/escalations', path: '/api/escalations', allow: ALL },
  {
    route: 'POST /api/escalations',
    path: '/api/escalations',
    body: { krId: kr, month: '2026-06', reason: 'blocker' },
    allow: OWN_WORK,
  },
  {
    route: 'POST /api/escalations/:id/assign',
    path: () => `/api/escalations/${ids.escalation}/assign`,
    body: { assigneeId: 'person-chenzhiqiang' },
    allow: ['manager', 'hr', 'admin'],
  },
  {
    route: 'GET /api/escalations/:id/assignees',
    path: () => `/api/escalations/${ids.escalation}/assignees`,
    allow: ALL,
  },
  {
    route: 'GET /api/escalations/:id/comments',
    path: () => `/api/escalations/${ids.escalation}/comments`,
    allow: ALL,
  },
  {
    route: 'POST /api/escalations/:id/comments',
    path: () => `/api/escalations/${ids.escalation}/comments`,
    body: { text: 'matrix' },
    allow: ['sales', 'manager', 'hr', 'admin'],
  },
  {
    route: 'GET /api/escalations/:id/history',
    path: () => `/api/escalations/${ids.escalation}/history`,
    allow: ALL,
  },
  // Comments and the trail of a KR: whoever may read it (every role reads this rep's KR).
  { route: 'GET /api/key-results/:id/comments', path: `/api/key-results/${kr}/comments`, allow: ALL },
  {
    route: 'POST /api/key-results/:id/comments',
    path: `/api/key-results/${kr}/comments`,
    body: { text: 'matrix' },
    allow: ALL,
  },
  { route: 'GET /api/key-results/:id/history', path: `/api/key-results/${kr}/history`, allow: ALL },
  {
    route: 'POST /api/escalations/:id/resolve',
    path: () => `/api/escalations/${ids.escalation}/resolve`,
    body: { resolution: 'done' },
    allow: ['manager', 'admin'],
  },
  { route: 'GET /api/activities', path: '/api/activities', allow: ALL },
  {
    route: 'PUT /api/activities/:personId/:month',
    path: '/api/activities/person-zhaomin/2026-06',
    body: activity,
    allow: ['manager', 'hr', 'admin'],
  },
  { route: 'GET /api/key-accounts', path: '/api/key-accounts', allow: ALL },
  {
    route: 'POST /api/key-accounts',
    path: '/api/key-accounts',
    body: { name: 'ACME', ownerId: 'person-zhaomin' },
    allow: ['sales', 'manager', 'hr', 'admin'],
  },
  {
    route: 'PATCH /api/key-accounts/:id',
    path: '/api/key-accounts/no-such-account',
    body: { name: 'x' },
    allow: ['sales', 'manager', 'hr', 'admin'],
  },
  {
    route: 'POST /api/key-accounts/:id/touch',
    path: '/api/key-accounts/no-such-account/touch',
    allow: ['sales', 'manager', 'hr', 'admin'],
  },
  {
    route: 'DELETE /api/key-accounts/:id',
    path: '/api/key-accounts/no-such-account',
    allow: ['manager', 'hr', 'admin'],
  },
  {
    route: 'POST /api/peer-reviews',
    path: '/api/peer-reviews',
    body: {
      quarter: '2026-Q2',
      revieweeId: 'person-wuqian',
      scores: { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 },
    },
    allow: ['sales', 'manager'],
  },
  { route: 'GET /api/peer-reviews', path: '/api/peer-reviews', allow: HR },
  { route: 'GET /api/peer-reviews/mine', path: '/api/peer-reviews/mine', allow: ALL },
  {
    route: 'PUT /api/peer-reviews/:id',
    path: '/api/peer-reviews/no-such-review',
    body: { scores: { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 } },
    allow: ['sales', 'manager'],
  },
  { route: 'GET /api/peer-reviews/assignments', path: '/api/peer-reviews/assignments', allow: ALL },
  { route: 'GET /api/peer-review-windows', path: '/api/peer-review-windows', allow: ALL },
  // A quarter outside the cycles: the guards are crossed, nothing is opened.
  {
    route: 'POST /api/peer-review-windows',
    path: '/api/peer-review-windows',
    body: { quarter: '2099-Q1' },
    allow: HR,
  },
  {
    route: 'POST /api/peer-review-windows/:quarter/close',
    path: '/api/peer-review-windows/2099-Q1/close',
    body: {},
    allow: HR,
  },
  {
    route: 'GET /api/peer-review-windows/:quarter/completion',
    path: '/api/peer-review-windows/2099-Q1/completion',
    allow: HR,
  },
  {
    route: 'GET /api/peer-reviews/summary/:personId',
    path: '/api/peer-reviews/summary/person-zhaomin?quarter=2026-Q1',
    allow: ['sales', 'manager', 'hr', 'admin'],
  },
  { route: 'GET /api/settings', path: '/api/settings', allow: ALL, scoped: true },
  { route: 'GET /api/settings/schema', path: '/api/settings/schema', allow: ALL },
  { route: 'GET /api/settings/versions', path: '/api/settings/versions', allow: HR },
  { route: 'GET /api/settings/versions/:version', path: '/api/settings/versions/1', allow: HR },
  {
    route: 'POST /api/settings/proposals',
    path: '/api/settings/proposals',
    body: () => ({ settings: settingsDoc, reason: 'matrix' }),
    allow: HR,
  },
  {
    route: 'POST /api/settings/preview',
    path: '/api/settings/preview',
    body: () => ({ settings: settingsDoc }),
    allow: HR,
  },
  {
    route: 'POST /api/settings/versions/:version/publish',
    path: () => `/api/settings/versions/${ids.proposal}/publish`,
    allow: HR,
  },
  {
    route: 'POST /api/settings/versions/:version/discard',
    path: () => `/api/settings/versions/${ids.proposal}/discard`,
    allow: HR,
  },
  {
    route: 'POST /api/settings/rollback',
    path: '/api/settings/rollback',
    body: { toVersion: 1, reason: 'matrix' },
    allow: HR,
  },
  { route: 'GET /api/custom-rules', path: '/api/custom-rules', allow: HR },
  { route: 'GET /api/custom-rules/catalogue', path: '/api/custom-rules/catalogue', allow: HR },
  { route: 'GET /api/custom-rules/versions', path: '/api/custom-rules/versions', allow: HR },
  {
    route: 'POST /api/custom-rules/proposals',
    path: '/api/custom-rules/proposals',
    body: { document: { rules: [] }, reason: 'matrix' },
    allow: ['admin'],
  },
  {
    route: 'POST /api/custom-rules/preview',
    path: '/api/custom-rules/preview',
    body: { document: { rules: [] } },
    allow: ['admin'],
  },
  {
    route: 'POST /api/custom-rules/versions/:version/publish',
    path: '/api/custom-rules/versions/999/publish',
    allow: ['admin'],
  },
  {
    route: 'POST /api/custom-rules/versions/:version/discard',
    path: '/api/custom-rules/versions/999/discard',
    allow: ['admin'],
  },
  {
    route: 'POST /api/custom-rules/rollback',
    path: '/api/custom-rules/rollback',
    body: { toVersion: 999, reason: 'matrix' },
    allow: ['admin'],
  },
  { route: 'GET /api/form-overlays', path: '/api/form-overlays', allow: ALL },
  { route: 'GET /api/form-overlays/:formId', path: '/api/form-overlays/check-in', allow: ALL },
  {
    route: 'PUT /api/form-overlays/:formId',
    path: '/api/form-overlays/check-in',
    body: { overlay: { formId: 'check-in', entries: [] } },
    allow: HR,
  },
  { route: 'DELETE /api/form-overlays/:formId', path: '/api/form-overlays/check-in', allow: HR },
  { route: 'GET /api/pool-runs', path: '/api/pool-runs', allow: ALL },
  // A draft: only hr/admin see it.
  { route: 'GET /api/pool-runs/:id', path: () => `/api/pool-runs/${ids.run}`, allow: HR },
  {
    route: 'GET /api/pool-runs/:id/statements',
    path: () => `/api/pool-runs/${ids.run}/statements`,
    allow: HR,
  },
  { route: 'GET /api/statements/mine', path: '/api/statements/mine', allow: ALL },
  { route: 'POST /api/pool-runs', path: '/api/pool-runs', body: { quarter: '2026-Q2' }, allow: HR },
  { route: 'POST /api/pool-runs/:id/compute', path: () => `/api/pool-runs/${ids.run}/compute`, allow: HR },
  { route: 'POST /api/pool-runs/:id/approve', path: () => `/api/pool-runs/${ids.run}/approve`, allow: HR },
  { route: 'POST /api/pool-runs/:id/release', path: () => `/api/pool-runs/${ids.run}/release`, allow: HR },
  { route: 'POST /api/pool-runs/:id/lock', path: () => `/api/pool-runs/${ids.run}/lock`, allow: HR },
  { route: 'DELETE /api/pool-runs/:id', path: () => `/api/pool-runs/${ids.run}`, allow: HR },
  { route: 'GET /api/metrics', path: '/api/metrics', allow: ['manager', 'strategy', 'hr', 'admin'] },
  {
    route: 'GET /api/metric-baselines/:cycleId',
    path: '/api/metric-baselines/cycle-2026-h1',
    allow: ['manager', 'strategy', 'hr', 'admin'],
  },
  {
    route: 'PUT /api/metric-baselines/:cycleId',
    path: '/api/metric-baselines/cycle-2026-h1',
    body: { alignmentRate: 0.38, averageResponseDays: 11, highMarginShare: 0.41 },
    allow: HR,
  },
  { route: 'GET /api/evaluation', path: '/api/evaluation', allow: ALL, scoped: true },
  { route: 'GET /api/audit', path: '/api/audit', allow: HR },
  { route: 'GET /api/notifications', path: '/api/notifications', allow: ALL },
  { route: 'GET /api/notifications/unread-count', path: '/api/notifications/unread-count', allow: ALL },
  { route: 'POST /api/notifications/:id/read', path: '/api/notifications/none/read', allow: ALL },
  { route: 'POST /api/notifications/read-all', path: '/api/notifications/read-all', allow: ALL },
  { route: 'POST /api/rules/run', path: '/api/rules/run', allow: HR },
  { route: 'POST /api/auth/logout', path: '/api/auth/logout', allow: 'public' },
];

const LOGIN_OF: Record<Role, string> = {
  admin: LOGINS.admin,
  hr: LOGINS.hr,
  strategy: LOGINS.strategy,
  manager: LOGINS.manager,
  sales: LOGINS.sales,
};

describe('role × endpoint matrix', () => {
  let server: TestServer;
  const clients = {} as Record<Role, Client>;

  /** A session limited to the demo board, as the kickoff QR sign-in creates it. */
  const phoneOf = async (login: string): Promise<Client> => {
    const user = await server.storage.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', login)
      .executeTakeFirstOrThrow();
    const { token } = await createSession(server.storage.db, user.id, new Date('2026-06-15T08:00:00Z'), {
      ttlMs: 10 * 60 * 1000,
      scope: {
        boardId: 'cycle:cycle-2026-h1',
        actions: ['read', 'create', 'update', 'delete'],
        expiresAt: '2026-06-15T08:10:00Z',
      },
    });
    return new Client(server.url, `okr_session=${token}`);
  };

  beforeAll(async () => {
    server = await startServer();
    for (const role of ALL) clients[role] = await server.login(LOGIN_OF[role]);
    const hr = clients.hr;
    settingsDoc = (await hr.get('/api/settings')).body.settings;
    ids.run = (await hr.post('/api/pool-runs', { quarter: '2026-Q1' })).body.id;
    ids.proposal = (
      await hr.post('/api/settings/proposals', { settings: settingsDoc, reason: 'matrix setup' })
    ).body.version;
    // The KR's open escalation (one per KR): the one raised here, or the one the demo already has.
    const raised = await clients.sales.post('/api/escalations', {
      krId: kr,
      month: '2026-05',
      reason: 'blocker',
    });
    ids.escalation = raised.body.id ?? raised.body.params.id;
  });
  afterAll(() => server.close());

  it('has an entry for every registered route', () => {
    const known = new Set(MATRIX.map((e) => e.route));
    const registered = server.app.ctx.routes
      .filter((r) => !OTHER_MODULES.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((r) => !known.has(r))).toEqual([]);
    expect([...known].filter((k) => !registered.includes(k))).toEqual([]);
    for (const r of server.app.ctx.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('answers every role as the matrix says', async () => {
    const failures: string[] = [];
    for (const entry of MATRIX) {
      const [method = 'GET'] = entry.route.split(' ');
      const path = typeof entry.path === 'function' ? entry.path() : entry.path;
      const body =
        typeof entry.body === 'function'
          ? entry.body()
          : (entry.body ?? (method === 'POST' ? {} : undefined));
      const anon = await server.anonymous().request(method, path, body);
      if (entry.allow === 'public') {
        if (anon.status === 401 || anon.status === 403)
          failures.push(`${entry.route} anonymous: ${anon.status}`);
        continue;
      }
      if (anon.status !== 401) failures.push(`${entry.route} anonymous: expected 401, got ${anon.status}`);
      // Denied roles first, so an allowed role's write cannot change what a denied one sees.
      const order = [...ALL].sort(
        (a, b) => Number(entry.allow.includes(a)) - Number(entry.allow.includes(b)),
      );
      for (const role of order) {
        const res = await clients[role].request(method, path, body);
        const allowed = entry.allow.includes(role);
        const passed = res.status !== 401 && res.status !== 403;
        if (allowed !== passed)
          failures.push(
            `${entry.route} as ${role}: got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('enforces the declared access of routes other modules own', async () => {
    const failures: string[] = [];
    for (const r of server.app.ctx.routes.filter((x) => OTHER_MODULES.test(x.url))) {
      if (r.access === 'public') continue;
      const path = r.url.replace(/:[A-Za-z]+/g, 'x');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const anon = await server.anonymous().request(r.method, path, body);
      if (anon.status !== 401) failures.push(`${r.method} ${r.url} anonymous: ${anon.status}`);
      if (r.access === 'signed-in') continue;
      for (const role of ALL.filter((x) => !(r.access as Role[]).includes(x))) {
        const res = await clients[role].request(r.method, path, body);
        if (res.status !== 403) failures.push(`${r.method} ${r.url} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every state-changing route from a foreign Origin, for every role and anonymous', async () => {
    const failures: string[] = [];
    const writes = server.app.ctx.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    expect(writes.length).toBeGreaterThan(40);
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const r of writes) {
      const path = r.url.replace(/:[A-Za-z]+/g, 'x');
      const body = r.method === 'DELETE' ? undefined : {};
      for (const client of [server.anonymous(), ...ALL.map((role) => clients[role])]) {
        for (const headers of foreign) {
          const res = await client.request(r.method, path, body, headers);
          if (res.status !== 403 || res.body?.code !== 'cross-origin')
            failures.push(`${r.method} ${r.url} ${JSON.stringify(headers)}: ${res.status} ${res.body?.code}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('scopes records: a rep sees only own KRs, a manager only their region', async () => {
    const salesKrs = (await clients.sales.get('/api/key-results')).body as { ownerId: string }[];
    expect(salesKrs.length).toBeGreaterThan(0);
    expect(new Set(salesKrs.map((k) => k.ownerId))).toEqual(new Set(['person-zhaomin']));
    expect((await clients.sales.get('/api/key-results/kr-sunhao-1')).status).toBe(403);
    expect(
      (await clients.sales.patch('/api/key-results/kr-sunhao-1', { version: 1, title: 'x' })).status,
    ).toBe(403);

    const managerKrs = (await clients.manager.get('/api/key-results')).body as {
      ownerId: string;
      ownerType: string;
    }[];
    const east = new Set(['person-zhaomin', 'person-sunhao', 'person-wuqian', 'region-east']);
    expect(managerKrs.every((k) => east.has(k.ownerId))).toBe(true);
    expect((await clients.manager.get('/api/key-results/kr-zhengkai-1')).status).toBe(403);

    const people = (await clients.sales.get('/api/people')).body as {
      id: string;
      baseBonusCents: number | null;
    }[];
    expect(people.find((p) => p.id === 'person-sunhao')?.baseBonusCents).toBeNull();
    expect(people.find((p) => p.id === 'person-zhaomin')?.baseBonusCents).toBeGreaterThan(0);
    const activities = (await clients.sales.get('/api/activities')).body as { personId: string }[];
    expect(new Set(activities.map((a) => a.personId))).toEqual(new Set(['person-zhaomin']));
  });

  it('answers a QR-limited session only on the routes marked scoped', async () => {
    const phone = await phoneOf(LOGINS.sales);
    const failures: string[] = [];
    for (const entry of MATRIX) {
      // Public routes need no session (and logging out would end the phone's).
      if (entry.allow === 'public') continue;
      const [method = 'GET'] = entry.route.split(' ');
      const path = typeof entry.path === 'function' ? entry.path() : entry.path;
      const body =
        typeof entry.body === 'function'
          ? entry.body()
          : (entry.body ?? (method === 'POST' ? {} : undefined));
      const res = await phone.request(method, path, body);
      const allowed = entry.scoped === true && entry.allow.includes('sales');
      const passed = res.status !== 401 && res.status !== 403;
      if (allowed !== passed)
        failures.push(
          `${entry.route} as a QR phone: got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
        );
    }
    expect(failures).toEqual([]);
    const marked = MATRIX.filter((e) => e.scoped).map((e) => e.route);
    const declared = server.app.ctx.routes
      .filter((r) => r.scoped && !OTHER_MODULES.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(new Set(marked)).toEqual(new Set(declared));
  });

  it('limits a QR-scoped session to its board and to KR and link edits', async () => {
    const user = await server.storage.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', LOGINS.sales)
      .executeTakeFirstOrThrow();
    const { token } = await createSession(server.storage.db, user.id, new Date('2026-06-15T08:00:00Z'), {
      ttlMs: 10 * 60 * 1000,
      scope: {
        boardId: 'cycle:cycle-2026-h1',
        actions: ['update', 'create', 'delete'],
        expiresAt: '2026-06-15T08:10:00Z',
      },
    });
    const phone = new Client(server.url, `okr_session=${token}`);
    expect((await phone.get('/api/auth/me')).body.scope.boardId).toBe('cycle:cycle-2026-h1');
    expect((await phone.get('/api/key-results')).status).toBe(200);
    const kr1 = (await phone.get(`/api/key-results/${kr}`)).body;
    expect(
      (await phone.patch(`/api/key-results/${kr}`, { version: kr1.version, title: 'from the phone' })).status,
    ).toBe(200);
    expect((await phone.get('/api/notifications')).status).toBe(403);
    expect((await phone.put(`/api/key-results/${kr}/check-ins/2026-06`, checkIn)).status).toBe(403);
  });
});
