import { appPortsOf } from '../../host/server/app-ports.ts';
import { type Command, runCommand } from '../../plugin/app/command.ts';
import { AppError } from '../../plugin/app/errors.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import type { TestServer } from '../server/helpers.ts';

/** The databases a test/app suite runs on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const DATABASES = [
  ['sqlite', undefined],
  ['postgres', process.env.DATABASE_URL],
] as const;

/** The pack user of a demo person, as a host would say who the caller is. */
export async function userOf(server: TestServer, personId: string): Promise<HostUser> {
  const row = await server.storage.db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return {
    userId: `user-${personId}`,
    personId,
    name: row.name,
    role: row.role as HostUser['role'],
    regionId: row.region_id,
    scope: null,
  };
}

/** Runs `command` on the reference host's ports (its real Records), as `user`. */
export const run = <I, O>(server: TestServer, user: HostUser, command: Command<I, O>, input: unknown) =>
  runCommand(appPortsOf(server.app.ctx), user, command, input);

/** Runs `command` like `run`, with the host's clock at `at` (a KR made then owes check-ins from that month). */
export const runAt = <I, O>(
  server: TestServer,
  at: string,
  user: HostUser,
  command: Command<I, O>,
  input: unknown,
) => runCommand({ ...appPortsOf(server.app.ctx), now: () => new Date(at) }, user, command, input);

/** Status, code and params of the refusal a command answers with (or of its success: status 0). */
export async function refusalOf(
  work: Promise<unknown>,
): Promise<{ status: number; code: string; params: Record<string, string | number> }> {
  try {
    await work;
    return { status: 0, code: 'none', params: {} };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.statusCode, code: error.code, params: error.params };
  }
}

/** The audit actions written for one subject, oldest first. */
export async function auditActions(server: TestServer, subjectType: string, subjectId: string) {
  const rows = await server.storage.db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    actorId: r.actor_id,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
