import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MAX_PASSWORD_LENGTH } from '../../../plugin/app/password-rule.ts';
import { checkPassword, LOGIN_PATTERN } from '../auth/account-rules.ts';
import { hashPassword } from '../auth/passwords.ts';
import { signInAs } from '../auth/sign-in.ts';
import type { ServerContext } from '../context.ts';
import { conflict } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import type { Db } from '../storage/queries.ts';
import { text } from './support.ts';

/** The host_meta row whose unique key makes the first run happen once, even with two racing requests. */
const SETUP_DONE = 'setup-done';
const COMPANY_NAME = 'company-name';

const setupDone = () =>
  conflict('setup-done', 'setup: this installation has accounts already; sign in instead');

async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(code))
  );
}

interface SetupBody {
  companyName: string;
  adminName: string;
  login: string;
  password: string;
}

/**
 * The first run of an empty install (OKR_DEMO=none): while no account exists, anyone reaching the
 * server may create the company name and the first admin, who is then signed in. Once done, 409.
 */
export function setupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/setup', { config: { access: 'public' } }, async () => {
    const company = await ctx.db
      .selectFrom('host_meta')
      .select('value')
      .where('key', '=', COMPANY_NAME)
      .executeTakeFirst();
    return { needed: !(await hasUsers(ctx.db)), companyName: company?.value ?? null };
  });

  app.post<{ Body: SetupBody }>(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        body: {
          type: 'object',
          required: ['companyName', 'adminName', 'login', 'password'],
          additionalProperties: false,
          properties: {
            companyName: text(200, 1),
            adminName: text(100, 1),
            login: { type: 'string', pattern: LOGIN_PATTERN },
            password: text(MAX_PASSWORD_LENGTH, 1),
          },
        },
      },
    },
    async (req, reply) => {
      if (await hasUsers(ctx.db)) throw setupDone();
      const b = req.body;
      checkPassword('setup', b.password, b.login);
      const hash = await hashPassword(b.password);
      const now = ctx.now();
      const at = now.toISOString();
      const personId = randomUUID();
      const userId = randomUUID();
      try {
        await ctx.db.transaction().execute(async (trx) => {
          // First statement: a second request blocks here (PostgreSQL) or finds the row (SQLite).
          await trx.insertInto('host_meta').values({ key: SETUP_DONE, value: at }).execute();
          if (await hasUsers(trx)) throw setupDone();
          await trx
            .insertInto('host_meta')
            .values({ key: COMPANY_NAME, value: b.companyName.trim() })
            .execute();
          const person = {
            id: personId,
            name: b.adminName.trim(),
            role: 'admin',
            region_id: null,
            manager_id: null,
            base_bonus_cents: 0,
          };
          await trx.insertInto('people').values(person).execute();
          await trx
            .insertInto('users')
            .values({ id: userId, login: b.login, password_hash: hash, person_id: personId, created_at: at })
            .execute();
          const audit = { actorId: personId, subjectType: 'person', subjectId: personId } as const;
          await writeAudit(trx, now, {
            ...audit,
            action: 'setup.complete',
            before: null,
            after: { companyName: b.companyName.trim() },
          });
          await writeAudit(trx, now, { ...audit, action: 'person.create', before: null, after: person });
          await writeAudit(trx, now, {
            ...audit,
            action: 'account.create',
            before: null,
            after: { login: b.login, hasPassword: true, disabled: false },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw setupDone();
        throw error;
      }
      return reply.status(201).send(await signInAs(ctx.db, reply, userId, now));
    },
  );
}
