import type { FastifyBaseLogger } from 'fastify';
import type { BoardBus } from './services/board-bus.ts';
import type { Evaluator } from './services/evaluator.ts';
import type { StoredNotifications } from './services/notifications.ts';
import type { RulesRunner } from './services/rules-runner.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import type { DialectName } from './storage/migrations.ts';
import type { Db } from './storage/queries.ts';

/** What every route module receives: storage, clock and the server's services. */
export interface ServerContext {
  db: Db;
  dialect: DialectName;
  /** The server clock; tests and the demo may pin it. */
  now(): Date;
  /** `now()` as a calendar date, `YYYY-MM-DD`. */
  today(): string;
  /** Committed changes per board, and presence (the WebSocket layer subscribes). */
  bus: BoardBus;
  notifications: StoredNotifications;
  rules: RulesRunner;
  /** Runs the engine's `evaluate` off the event loop (a worker thread). */
  evaluator: Evaluator;
  log: FastifyBaseLogger;
  /** Every API route with its declared access, in registration order (the role-matrix test walks it). */
  routes: { method: string; url: string; access: unknown; scoped: boolean }[];
  /** Folder of the pack (repository root), to read forms/ and rules/ assets. */
  packRoot: string;
  /** Attempts allowed on the sign-in routes. */
  signInLimits: SignInLimits;
}
