import type { FastifyBaseLogger } from 'fastify';
import type { DialectName } from './storage/migrations.ts';
import type { Db } from './storage/queries.ts';
import type { BoardBus } from './services/board-bus.ts';
import type { StoredNotifications } from './services/notifications.ts';
import type { RulesRunner } from './services/rules-runner.ts';

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
  log: FastifyBaseLogger;
  /** Every API route with its declared access, in registration order (the role-matrix test walks it). */
  routes: { method: string; url: string; access: unknown; scoped: boolean }[];
  /** Folder of the pack (repository root), to read forms/ and rules/ assets. */
  packRoot: string;
}
