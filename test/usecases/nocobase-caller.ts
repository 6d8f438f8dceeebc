// NocoBase (NOCOBASE_URL) as a `Caller`: each command through its action `/api/okrAlign:<action>`,
// signed in as a NocoBase user connected to the persona's demo person, in the persona's role.
import { randomUUID } from 'node:crypto';
import { COLLECTIONS } from '../../adapters/nocobase/server/collections.ts';
import { CATALOGUE } from '../../plugin/app/catalogue.ts';
import { halfYear } from '../../plugin/domain/half-year.ts';
import {
  base,
  call,
  importDemo,
  type Json,
  liveLock,
  type Caller as NocobaseAs,
  q,
  signInRoot,
  userFor,
} from '../adapters/nocobase/live-client.ts';
import { type Caller, PERSONAS, type Persona } from './caller.ts';

const NOCOBASE_ROLE: Record<string, string> = {
  admin: 'admin',
  hr: 'okr_hr',
  strategy: 'okr_strategy',
  manager: 'okr_manager',
  sales: 'okr_sales',
};

/** Pack records and the audit log; rule events and notifications come and go on their own. */
const DIGESTED = Object.entries(COLLECTIONS)
  .filter(
    ([key]) =>
      ![
        'ruleEvents',
        'notifications',
        'automationVersions',
        'automationRuns',
        'automationWaits',
        'automationCursor',
      ].includes(key),
  )
  .map(([, name]) => name);

/** Command name → NocoBase action name. */
const ACTION_OF = new Map(Object.entries(CATALOGUE).map(([action, command]) => [command.name, action]));

const MARK = '用例';

async function list(as: NocobaseAs, collection: string, query: string) {
  const r = await fetch(`${base}/api/${collection}:list?${query}`, {
    headers: { authorization: `Bearer ${as?.token}` },
  });
  return { status: r.status, json: (await r.json()) as { data?: Json[]; meta?: { count?: number } } };
}

/** Removes what earlier runs of this suite made (the demo import resets only the demo's own ids). */
async function removeOurs(root: NocobaseAs) {
  const years = Array.from({ length: 71 }, (_, i) => 2030 + i);
  const cycles = [...years.flatMap((y) => [`cycle-${y}-h1`, `cycle-${y}-h2`]), 'cycle-2026-h2'];
  const quarters = years.flatMap((y) => [1, 2, 3, 4].map((n) => `${y}-Q${n}`));
  const krs = (
    (await call(root, `okr_key_results:list?filter=${q({ title: { $includes: MARK } })}&paginate=false`))
      .data as { id: string }[]
  ).map((k) => k.id);
  const destroy = (collection: string, filter: unknown) =>
    call(root, `${collection}:destroy?filter=${q(filter)}`, {});
  await destroy(COLLECTIONS.links, { krId: { $in: krs } });
  await destroy(COLLECTIONS.keyResults, { $or: [{ id: { $in: krs } }, { cycleId: 'cycle-2026-h2' }] });
  await destroy(COLLECTIONS.objectives, {
    $or: [{ title: { $includes: MARK } }, { cycleId: { $in: cycles } }],
  });
  await destroy(COLLECTIONS.poolRuns, { quarter: { $in: quarters } });
  await destroy(COLLECTIONS.peerReviews, { quarter: { $in: quarters } });
  await destroy(COLLECTIONS.peerReviewWindows, { quarter: { $in: quarters } });
  await destroy(COLLECTIONS.keyAccounts, { name: { $includes: MARK } });
  await destroy(COLLECTIONS.people, { name: { $includes: MARK } });
  await destroy(COLLECTIONS.regions, { name: { $includes: MARK } });
  await destroy(COLLECTIONS.cycles, { id: { $in: cycles } });
}

export async function nocobaseCaller(): Promise<Caller> {
  const release = await liveLock();
  const startedAt = new Date().toISOString();
  const root = await signInRoot();
  await importDemo(root);
  await removeOurs(root);
  const as = new Map<Persona, NocobaseAs>();
  for (const [persona, p] of Object.entries(PERSONAS) as [Persona, (typeof PERSONAS)[Persona]][])
    as.set(
      persona,
      (await userFor(root, `okr_uc_${p.login}`, [NOCOBASE_ROLE[p.role] as string], p.personId)).as,
    );

  const self: Caller = {
    missing: (command) => (ACTION_OF.has(command) ? null : `no NocoBase action runs ${command}`),
    async run(persona, command, input) {
      const action = ACTION_OF.get(command);
      if (!action) throw new Error(`nocobase: ${self.missing(command)}`);
      const r = await call(as.get(persona) ?? null, `okrAlign:${action}`, input);
      const error = r.errors?.[0];
      return error
        ? {
            status: r.status,
            body: { ...error, code: error.code, params: error.params, current: error.current },
          }
        : { status: r.status, body: r.data };
    },
    async auditRows(subjectType, subjectId) {
      const filter = { subject: `${subjectType}:${subjectId}`, at: { $gte: startedAt } };
      const rows = (await call(root, `${COLLECTIONS.audit}:list?filter=${q(filter)}&sort=at&pageSize=200`))
        .data as { action: string; actorId: string }[];
      // NocoBase stores a row without an actor as `system`; the pack writes it as none (null).
      return rows.map((r) => ({ action: r.action, actorId: r.actorId === 'system' ? null : r.actorId }));
    },
    async digest() {
      const parts: unknown[] = [];
      for (const collection of DIGESTED) {
        let r = await list(root, collection, 'pageSize=1&sort=-updatedAt');
        if (r.status !== 200) r = await list(root, collection, 'pageSize=1');
        parts.push([collection, r.json.meta?.count ?? null, r.json.data?.[0] ?? null]);
      }
      return JSON.stringify(parts);
    },
    // The plugin's rule runs are debounced after a write; give them time to finish.
    settle: () => new Promise((resolve) => setTimeout(resolve, 500)),
    // The organisation commands have no action: their records go in as NocoBase rows.
    async arrange(command, input) {
      if (command === 'cycle.create') {
        const cycle = halfYear(input.year as number, input.half as 1 | 2);
        const found = await call(root, `${COLLECTIONS.cycles}:get?filterByTk=${cycle.id}`);
        if (found.data) return found.data;
        return (await call(root, `${COLLECTIONS.cycles}:create`, cycle)).data;
      }
      const table = { 'person.create': COLLECTIONS.people, 'region.create': COLLECTIONS.regions }[command];
      if (!table) throw new Error(`nocobase: nothing arranges ${command}`);
      const created = await call(root, `${table}:create`, { id: randomUUID(), ...input });
      if (created.status !== 200) throw new Error(`nocobase: ${table}:create answered ${created.status}`);
      return { version: 1, ...created.data };
    },
    async lockCycle(cycleId, locked) {
      const r = await call(root, `${COLLECTIONS.cycles}:update?filterByTk=${cycleId}`, { locked });
      if (r.status !== 200) throw new Error(`nocobase: locking ${cycleId} answered ${r.status}`);
    },
    async close() {
      try {
        await removeOurs(root);
      } finally {
        release();
      }
    },
  };
  return self;
}
