import type { Id } from '../domain/types.ts';
import { type Action, type BoardMessage, boardOf, can, type HostUser, type Subject } from '../sdk/index.ts';
import { conflict, forbidden, unauthorized } from './errors.ts';
import { checkInput, type InputSchema } from './input.ts';
import { type AppPorts, type AuditEntry, DuplicateRecord, type Transaction } from './ports.ts';
import { redact } from './redact.ts';

/** Refuses the caller (401 when signed out, 403 otherwise) unless the pack policy lets them `action` `subject`. */
export function requireAllowed(
  user: HostUser | null,
  action: Action,
  subject: Subject,
  what: string = subject.type,
): asserts user is HostUser {
  if (!user) throw unauthorized();
  if (!can(user, action, subject))
    throw forbidden(`auth: ${user.role} ${user.personId} may not ${action} this ${what}`);
}

/** What a command's `run` gets: the caller, the clock, one transaction, and what to do after commit. */
export interface CommandContext {
  user: HostUser;
  /** The time of the command, ISO 8601. */
  now: string;
  tx: Transaction;
  ports: AppPorts;
  /** Throws 403 unless the pack policy lets the caller do `action` on `subject`. */
  allow(action: Action, subject: Subject, what?: string): void;
  /** Appends an audit row in this transaction, as the caller, secrets redacted. */
  audit(entry: AuditEntry): Promise<void>;
  /** Publishes `message` on the cycle's board once the transaction has committed. */
  announce(cycleId: Id, message: Omit<BoardMessage, 'byPersonId'>, about: Subject): void;
  /** Runs `effect` once the transaction has committed (never when it rolls back). */
  afterCommit(effect: () => void | Promise<void>): void;
}

export interface Command<I = unknown, O = unknown> {
  /** `keyResult.update`: the audit verb and the name hosts route by. */
  name: string;
  /** One line for the API reference. */
  summary: string;
  input: InputSchema;
  /** Input fields a REST host takes from the path (`/api/key-results/:id`). */
  pathParams?: readonly string[];
  /** True when the command changes data: the rules re-run after it. */
  changesRules?: boolean;
  /** True for commands that signed-out callers may run (none changes data). */
  public?: boolean;
  run(ctx: CommandContext, input: I): Promise<O>;
}

/** Declares a command (the function exists for the types, Directus `defineX` style). */
export const defineCommand = <I, O>(command: Command<I, O>): Command<I, O> => command;

const MAX_ATTEMPTS = 3;

/**
 * Runs `command` for `user` on a host: checks the input against the command's schema, runs it in one
 * transaction with its audit rows, then publishes and re-runs the rules once committed. A unique-key
 * race is retried (a fresh read usually answers it) and, if it persists, is a 409 — never a 500.
 */
export async function runCommand<I, O>(
  ports: AppPorts,
  user: HostUser | null,
  command: Command<I, O>,
  raw: unknown,
): Promise<O> {
  const input = checkInput<I>(command.input, raw ?? {}, command.name);
  if (!user && !command.public) throw unauthorized();
  for (let attempt = 1; ; attempt++) {
    const effects: (() => void | Promise<void>)[] = [];
    try {
      const result = await ports.uow.transaction((tx) =>
        command.run(contextOf(ports, user as HostUser, tx, effects), input),
      );
      if (command.changesRules) effects.push(() => ports.rulesChanged(command.name));
      for (const effect of effects) await effect();
      return result;
    } catch (error) {
      if (!(error instanceof DuplicateRecord)) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw conflict('duplicate', `${command.name}: ${error.message}; reload and try again`, {
          collection: error.collection,
        });
    }
  }
}

function contextOf(
  ports: AppPorts,
  user: HostUser,
  tx: Transaction,
  effects: (() => void | Promise<void>)[],
): CommandContext {
  const now = ports.now().toISOString();
  return {
    user,
    now,
    tx,
    ports,
    allow: (action, subject, what) => requireAllowed(user, action, subject, what),
    audit: (entry) =>
      tx.audit({
        ...entry,
        before: redact(entry.before),
        after: redact(entry.after),
        at: now,
        actorId: user?.personId ?? null,
      }),
    announce(cycleId, message, about) {
      effects.push(() =>
        ports.publish(
          boardOf(cycleId),
          { ...message, ...(user ? { byPersonId: user.personId } : {}) },
          about,
        ),
      );
    },
    afterCommit(effect) {
      effects.push(effect);
    },
  };
}
