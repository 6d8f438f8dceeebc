import { randomUUID } from 'node:crypto';
import { quarterMonths } from '../../domain/dates.ts';
import { computePoolRun as computePool } from '../../domain/pool.ts';
import { POOL_TRANSITIONS, type PoolRun, type PoolTransition } from '../../domain/pool-lifecycle.ts';
import type { Cycle, Id, Snapshot } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound, staleVersion } from '../errors.ts';
import { id, quarter, version } from '../input.ts';
import type { Transaction } from '../ports.ts';
import { currentSettingsOf } from './settings.ts';

const SUBJECT = { type: 'poolRun' } as const;
const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

async function loadRun(tx: Transaction, runId: Id): Promise<PoolRun> {
  const run = await tx.get('poolRuns', runId);
  if (!run) throw notFound('pool run', runId);
  return run;
}

function refuseLocked(run: PoolRun): void {
  if (run.state === 'locked')
    throw conflict(
      'run-locked',
      `pool run ${run.quarter}: the run is locked and never changes; start no new action on it`,
      { current: run, params: { quarter: run.quarter } },
    );
}

function checkVersion(run: PoolRun, sent: number | undefined): void {
  if (sent !== undefined && sent !== run.version) throw staleVersion(`pool run ${run.quarter}`, sent, run);
}

/**
 * Writes `patch` as a compare-and-set on the version read. The UPDATE takes the row lock: a second
 * writer of the same run waits, then matches nothing and is answered 409 with the run that won.
 */
async function moveRun(ctx: CommandContext, run: PoolRun, patch: Partial<PoolRun>): Promise<PoolRun> {
  const written = { ...patch, updatedAt: ctx.now };
  if (!(await ctx.tx.update('poolRuns', run.id, written, run.version)))
    throw staleVersion(`pool run ${run.quarter}`, run.version, await loadRun(ctx.tx, run.id));
  return { ...run, ...written, version: run.version + 1 };
}

/** The cycle's data as the pool reads it, from this transaction's records. */
async function cycleSnapshot(tx: Transaction, cycle: Cycle): Promise<Snapshot> {
  const [regions, people, objectives, keyResults, checkIns, escalations, activities, accounts, reviews] =
    await Promise.all([
      tx.find('regions'),
      tx.find('people'),
      tx.find('objectives', { cycleId: cycle.id }),
      tx.find('keyResults', { cycleId: cycle.id }),
      tx.find('checkIns'),
      tx.find('escalations'),
      tx.find('activities'),
      tx.find('keyAccounts'),
      tx.find('peerReviews'),
    ]);
  const krIds = new Set(keyResults.map((k) => k.id));
  const [first, last] = [cycle.start.slice(0, 7), cycle.end.slice(0, 7)];
  return {
    cycle,
    regions: regions.sort(byId),
    people: people.sort(byId).map(({ version: _v, ...p }) => p),
    objectives: objectives.sort(byId).map(({ version: _v, custom: _c, ...o }) => o),
    keyResults: keyResults.sort(byId),
    checkIns: checkIns
      .filter((c) => krIds.has(c.krId))
      .sort((a, b) => a.krId.localeCompare(b.krId) || a.month.localeCompare(b.month)),
    escalations: escalations
      .filter((e) => krIds.has(e.krId))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || byId(a, b)),
    activities: activities
      .filter((a) => first <= a.month && a.month <= last)
      .sort((a, b) => a.personId.localeCompare(b.personId) || a.month.localeCompare(b.month)),
    keyAccounts: accounts.sort(byId),
    peerReviews: reviews.sort((a, b) => a.quarter.localeCompare(b.quarter) || byId(a, b)),
  };
}

const runInput = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id, version, ...extra },
});

export const createPoolRun = defineCommand({
  name: 'poolRun.create',
  summary: 'Open the draft pool run of a quarter (one run per quarter)',
  input: { type: 'object', required: ['quarter'], additionalProperties: false, properties: { quarter } },
  async run(ctx, b: { quarter: string }) {
    ctx.allow('create', SUBJECT, 'pool run');
    const months = quarterMonths(b.quarter);
    const cycle = (await ctx.tx.find('cycles')).find(
      (c) => c.start.slice(0, 7) <= months[0]! && months[months.length - 1]! <= c.end.slice(0, 7),
    );
    if (!cycle)
      throw badRequest('no-cycle', `pool run: no cycle covers ${b.quarter}; create the cycle first`);
    const [existing] = await ctx.tx.find('poolRuns', { quarter: b.quarter });
    if (existing)
      throw conflict(
        'run-exists',
        `pool run: ${b.quarter} already has a run (${existing.state}); open it instead`,
        {
          current: existing,
          params: { quarter: b.quarter, state: existing.state },
        },
      );
    const run: PoolRun = {
      id: randomUUID(),
      quarter: b.quarter,
      cycleId: cycle.id,
      state: 'draft',
      poolCents: null,
      settingsVersion: null,
      computedAt: null,
      createdAt: ctx.now,
      createdById: ctx.user.personId,
      updatedAt: ctx.now,
      version: 1,
      result: null,
    };
    // The quarter is a unique key: a second creator racing this one is retried and sees `run-exists`.
    await ctx.tx.insert('poolRuns', run);
    await ctx.audit({
      action: 'pool.create',
      subjectType: 'poolRun',
      subjectId: run.id,
      before: null,
      after: run,
    });
    return run;
  },
});

/** The draft run a compute or delete works on, at the version sent: anything else is a 409. */
async function loadDraft(ctx: CommandContext, b: { id: Id; version?: number }, verb: 'computed' | 'deleted') {
  const run = await loadRun(ctx.tx, b.id);
  refuseLocked(run);
  checkVersion(run, b.version);
  if (run.state !== 'draft')
    throw conflict('not-draft', `pool run ${run.quarter}: only a draft can be ${verb}; it is ${run.state}`, {
      current: run,
      params: { quarter: run.quarter, state: run.state },
    });
  return run;
}

export const computePoolRun = defineCommand({
  name: 'poolRun.compute',
  summary: 'Compute (or recompute) a draft run with the current data and settings',
  pathParams: ['id'],
  input: runInput(),
  async run(ctx, b: { id: Id; version?: number }) {
    ctx.allow('run', SUBJECT, 'pool run');
    const run = await loadDraft(ctx, b, 'computed');
    const cycle = await ctx.tx.get('cycles', run.cycleId);
    if (!cycle) throw notFound('cycle', run.cycleId);
    const settings = await currentSettingsOf(ctx.tx);
    const result = computePool(await cycleSnapshot(ctx.tx, cycle), settings.settings, run.quarter);
    const after = await moveRun(ctx, run, {
      poolCents: result.poolCents,
      settingsVersion: settings.version,
      computedAt: ctx.now,
      result,
    });
    await ctx.audit({
      action: 'pool.compute',
      subjectType: 'poolRun',
      subjectId: run.id,
      before: { state: run.state, poolCents: run.poolCents, allocations: run.result?.allocations ?? null },
      after: {
        state: after.state,
        poolCents: after.poolCents,
        settingsVersion: settings.version,
        allocations: result.allocations,
      },
    });
    return after;
  },
});

const transition = (action: PoolTransition, summary: string) =>
  defineCommand({
    name: `poolRun.${action}`,
    summary,
    pathParams: ['id'],
    input: runInput(),
    async run(ctx, b: { id: Id; version?: number }) {
      ctx.allow('run', SUBJECT, 'pool run');
      const step = POOL_TRANSITIONS[action];
      const run = await loadRun(ctx.tx, b.id);
      refuseLocked(run);
      checkVersion(run, b.version);
      if (run.state !== step.from)
        throw conflict(
          'bad-state',
          `pool run ${run.quarter}: "${action}" needs state ${step.from}, it is ${run.state}`,
          {
            current: run,
            params: { quarter: run.quarter, action, state: run.state, needed: step.from },
          },
        );
      if (!run.result)
        throw conflict('not-computed', `pool run ${run.quarter}: compute the run before "${action}"`, {
          current: run,
          params: { quarter: run.quarter, action },
        });
      const after = await moveRun(ctx, run, { state: step.to });
      await ctx.audit({
        action: `pool.${action}`,
        subjectType: 'poolRun',
        subjectId: run.id,
        before: { state: run.state, version: run.version },
        after: { state: after.state, version: after.version },
      });
      if (action === 'release') notifyReleased(ctx, after);
      return after;
    },
  });

/** Tells each person with an allocation that their statement is out (once per run and person). */
function notifyReleased(ctx: CommandContext, run: PoolRun): void {
  const people = run.result?.allocations.map((a) => a.personId) ?? [];
  ctx.afterCommit(async () => {
    for (const personId of people)
      await ctx.ports.notify({
        recipientIds: [personId],
        kind: 'pool.released',
        params: { quarter: run.quarter },
        subject: { personId, poolRunId: run.id },
        dedupKey: `pool:${run.id}:released`,
      });
  });
}

export const approvePoolRun = transition('approve', 'Approve a computed draft run; its numbers are final');
export const releasePoolRun = transition('release', 'Release an approved run: people see their statements');
export const lockPoolRun = transition('lock', 'Lock a released run; it never changes again');

export const deletePoolRun = defineCommand({
  name: 'poolRun.delete',
  summary: 'Delete a draft run (with a version: only at that version)',
  pathParams: ['id'],
  input: runInput(),
  async run(ctx, b: { id: Id; version?: number }) {
    ctx.allow('delete', SUBJECT, 'pool run');
    const run = await loadDraft(ctx, b, 'deleted');
    if (!(await ctx.tx.remove('poolRuns', run.id, run.version)))
      throw staleVersion(`pool run ${run.quarter}`, run.version, await loadRun(ctx.tx, run.id));
    await ctx.audit({
      action: 'pool.delete',
      subjectType: 'poolRun',
      subjectId: run.id,
      before: run,
      after: null,
    });
    return { ok: true as const };
  },
});
