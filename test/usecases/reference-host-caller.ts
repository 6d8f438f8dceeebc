// The reference host as a `Caller`: each command through its HTTP route (found in /api/openapi.json
// by the command's name), signed in as the persona's demo login.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Client, startServer } from '../server/helpers.ts';
import { type Caller, PERSONAS, type Persona } from './caller.ts';

/** Every table of pack records, and the audit log: what "nothing stored" looks at. */
const PACK_TABLES = [
  'regions',
  'people',
  'person_moves',
  'cycles',
  'objectives',
  'key_results',
  'kr_links',
  'check_ins',
  'escalations',
  'escalation_comments',
  'kr_comments',
  'activities',
  'key_accounts',
  'peer_reviews',
  'peer_review_windows',
  'settings_versions',
  'form_overlays',
  'pool_runs',
  'pool_allocations',
  'audit_log',
] as const;

interface Route {
  method: string;
  path: string;
  params: string[];
}

/** Path parameter → the input field it carries when the names differ (`/key-results/:id/links`). */
const PATH_FIELD: Record<string, readonly string[]> = {
  id: ['id', 'krId'],
  objectiveId: ['objectiveId', 'fromObjectiveId'],
};

export async function referenceHostCaller(databaseUrl?: string): Promise<Caller> {
  const server = await startServer(databaseUrl ? { databaseUrl } : {});
  const api = (await server.anonymous().get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const routes = new Map<string, Route>();
  for (const [path, ops] of Object.entries(api.paths))
    for (const [method, op] of Object.entries(ops))
      if (op.operationId)
        routes.set(op.operationId, {
          method: method.toUpperCase(),
          path,
          params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        });
  const clients = new Map<Persona, Client>();
  for (const persona of Object.keys(PERSONAS) as Persona[])
    clients.set(persona, await server.login(PERSONAS[persona].login));

  const self: Caller = {
    missing: (command) => (routes.has(command) ? null : `no route in /api/openapi.json runs ${command}`),
    async run(persona, command, input) {
      const route = routes.get(command);
      if (!route) throw new Error(`reference host: ${self.missing(command)}`);
      const rest: Record<string, unknown> = { ...input };
      let path = route.path;
      for (const param of route.params) {
        const field = (PATH_FIELD[param] ?? [param]).find((f) => rest[f] !== undefined);
        if (!field) throw new Error(`reference host: ${command} needs ${param} for ${route.path}`);
        path = path.replace(`{${param}}`, encodeURIComponent(String(rest[field])));
        delete rest[field];
      }
      const client = clients.get(persona) as Client;
      if (route.method === 'GET' || route.method === 'DELETE') {
        const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)])).toString();
        const r = await client.request(route.method, query ? `${path}?${query}` : path);
        return { status: r.status, body: r.body };
      }
      const r = await client.request(route.method, path, rest);
      return { status: r.status, body: r.body };
    },
    async auditRows(subjectType, subjectId) {
      const rows = await server.storage.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ action: r.action, actorId: r.actor_id }));
    },
    async digest() {
      const hash = createHash('sha256');
      for (const table of PACK_TABLES) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
          server.storage.db,
        );
        hash.update(
          `${table}\n${rows.rows
            .map((r) => JSON.stringify(r))
            .sort()
            .join('\n')}\n`,
        );
      }
      return hash.digest('hex');
    },
    settle: () => server.app.ctx.rules.idle(),
    async lockCycle(cycleId, locked) {
      const r = await self.run('admin', 'cycle.lock', { id: cycleId, locked });
      if (r.status !== 200) throw new Error(`reference host: cycle.lock ${cycleId} answered ${r.status}`);
    },
    close: () => server.close(),
  };
  return self;
}
