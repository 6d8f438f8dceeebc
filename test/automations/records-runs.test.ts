// The pack's AutomationRunsPort over each host's records: the reference host's tables on SQLite and
// (DATABASE_URL set) PostgreSQL, and NocoBase's collections (in memory, as the adapter tests run them).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nocobaseRecords } from '../../adapters/nocobase/server/app-records.ts';
import { sqlRecords } from '../../host/server/storage/app-records.ts';
import { dropPgSchema, openStorage } from '../../host/server/storage/database.ts';
import type { Records } from '../../plugin/app/ports.ts';
import type { PlannedAction } from '../../plugin/automations/plan.ts';
import type { AutomationRunsPort } from '../../plugin/automations/ports.ts';
import { listAutomationRuns, recordsAutomationRuns } from '../../plugin/automations/records-runs.ts';
import type { AutomationEvent } from '../../plugin/automations/types.ts';
import { memoryTables } from '../adapters/nocobase/memory-tables.ts';

type Target = { records: Records; close(): Promise<void> };

async function referenceHost(databaseUrl?: string): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-automation-runs-'));
  const pgSchema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const storage = await openStorage({ dataDir: dir, ...(databaseUrl ? { databaseUrl, pgSchema } : {}) });
  return {
    records: sqlRecords(storage.db),
    async close() {
      await storage.close();
      if (databaseUrl && pgSchema) await dropPgSchema(databaseUrl, pgSchema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const targets: [string, () => Promise<Target>][] = [
  ['the reference host on SQLite', () => referenceHost()],
  ...(process.env.DATABASE_URL
    ? [
        ['the reference host on PostgreSQL', () => referenceHost(process.env.DATABASE_URL)] as [
          string,
          () => Promise<Target>,
        ],
      ]
    : []),
  [
    'NocoBase collections',
    async () => ({ records: nocobaseRecords(memoryTables()), close: async () => undefined }),
  ],
];

const event: AutomationEvent = {
  id: 'audit:7',
  trigger: 'escalation-raised',
  at: '2026-06-15T08:00:00.000Z',
  subject: { escalationId: 'esc-1', krId: 'kr-1', month: '2026-06' },
  params: { reason: 'blocker' },
};
const step = (stepIndex: number): PlannedAction => ({
  key: `${event.id}|raised|${stepIndex}`,
  eventId: event.id,
  automationId: 'raised',
  stepIndex,
  kind: 'follow-up',
  recipientIds: ['person-1'],
  title: '跟进',
  dueDate: '2026-06-17',
});
const at = (time: string) => new Date(`2026-06-15T${time}:00.000Z`);

describe.each(targets)('automation runs over the records of %s', (_name, open) => {
  let target: Target;
  let runs: AutomationRunsPort;
  beforeEach(async () => {
    target = await open();
    runs = recordsAutomationRuns(target.records);
  });
  afterEach(() => target.close());

  it('claims a step once per key and reads it back whole', async () => {
    const id = await runs.claim(step(0), event, at('08:00'));
    expect(id).toEqual(expect.any(String));
    expect(await runs.claim(step(0), event, at('08:01'))).toBeNull();
    expect(await listAutomationRuns(target.records, undefined)).toEqual([
      {
        id,
        key: step(0).key,
        status: 'pending',
        attempts: 0,
        action: step(0),
        event,
        lastError: null,
        nextAttemptAt: at('08:00').toISOString(),
        createdAt: at('08:00').toISOString(),
        doneAt: null,
      },
    ]);
  });

  it('answers retries whose backoff is over and stale claims, oldest first, up to the limit', async () => {
    const [a, b, c, d] = [
      await runs.claim(step(0), event, at('08:00')),
      await runs.claim(step(1), event, at('08:00')),
      await runs.claim(step(2), event, at('08:09')),
      await runs.claim(step(3), event, at('08:00')),
    ];
    await runs.settle(a!, {
      status: 'retrying',
      attempts: 1,
      lastError: 'down',
      nextAttemptAt: at('08:06').toISOString(),
    });
    await runs.settle(b!, {
      status: 'retrying',
      attempts: 1,
      lastError: 'down',
      nextAttemptAt: at('08:20').toISOString(),
    });
    await runs.settle(d!, {
      status: 'done',
      attempts: 1,
      doneAt: at('08:00').toISOString(),
      lastError: null,
    });
    // c is pending since 08:09: its lease still runs at 08:10 with 5 minutes.
    const due = await runs.due(at('08:10'), at('08:05'), 10);
    expect(due.map((r) => [r.id, r.status, r.lastError])).toEqual([[a, 'retrying', 'down']]);
    expect((await runs.due(at('08:30'), at('08:25'), 10)).map((r) => r.id)).toEqual([a, c, b]);
    expect((await runs.due(at('08:30'), at('08:25'), 2)).map((r) => r.id)).toEqual([a, c]);
    expect((await listAutomationRuns(target.records, 'done')).map((r) => r.id)).toEqual([d]);
  });

  it('lets one of two processes take a run over; a copy read before the take is refused', async () => {
    await runs.claim(step(0), event, at('08:00'));
    const [stale] = await runs.due(at('08:10'), at('08:05'), 10);
    const taken = await Promise.all([runs.take(stale!, at('08:10')), runs.take(stale!, at('08:10'))]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await runs.take(stale!, at('08:11'))).toBe(false);
    const [run] = await listAutomationRuns(target.records, 'pending');
    expect(run?.nextAttemptAt).toBe(at('08:10').toISOString());
  });

  it('stores a wait once, answers it when due and lets one process settle it', async () => {
    const wait = { key: step(2).key, automationId: 'raised', event, resumeAt: 3, dueDate: '2026-06-17' };
    await runs.addWait(wait, at('08:00'));
    await runs.addWait({ ...wait, dueDate: '2026-06-30' }, at('08:01'));
    expect(await runs.dueWaits('2026-06-16', 10)).toEqual([]);
    expect(await runs.dueWaits('2026-06-17', 10)).toEqual([wait]);
    const settled = await Promise.all([
      runs.settleWait(wait.key, 'resumed', at('09:00')),
      runs.settleWait(wait.key, 'stopped', at('09:00')),
    ]);
    expect(settled.filter(Boolean)).toHaveLength(1);
    expect(await runs.settleWait(wait.key, 'stopped', at('09:01'))).toBe(false);
    expect(await runs.dueWaits('2026-06-30', 10)).toEqual([]);
  });

  it('reads the published automation versions only', async () => {
    const version = (n: number, status: string) => ({
      version: n,
      status,
      document: { version: 1 as const, automations: [] },
      reason: 'r',
      authorId: 'p1',
      createdAt: at('07:00').toISOString(),
      publishedAt: status === 'published' ? at('07:00').toISOString() : null,
      publishedById: status === 'published' ? 'p1' : null,
      rollbackOf: null,
    });
    await target.records.insert('automationVersions', version(1, 'published') as never);
    await target.records.insert('automationVersions', version(2, 'proposed') as never);
    expect((await runs.published()).map((v) => v.version)).toEqual([1]);
  });
});
