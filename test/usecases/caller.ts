// The host-neutral side of the use-case suite: who calls, and what a driver must answer.

/** The demo people the suite calls as: one per role, plus a manager and a rep of another region. */
export const PERSONAS = {
  admin: { personId: 'person-zhoulei', login: 'zhoulei', role: 'admin' },
  hr: { personId: 'person-linxue', login: 'linxue', role: 'hr' },
  strategy: { personId: 'person-wangjianguo', login: 'wangjianguo', role: 'strategy' },
  manager: { personId: 'person-chenzhiqiang', login: 'chenzhiqiang', role: 'manager' }, // region-east
  otherManager: { personId: 'person-huangweiming', login: 'huangweiming', role: 'manager' }, // region-south
  sales: { personId: 'person-zhaomin', login: 'zhaomin', role: 'sales' }, // region-east, reports to chenzhiqiang
  otherSales: { personId: 'person-zhengkai', login: 'zhengkai', role: 'sales' }, // region-south
} as const;

export type Persona = keyof typeof PERSONAS;
export const ALL_PERSONAS = Object.keys(PERSONAS) as Persona[];

// biome-ignore lint/suspicious/noExplicitAny: replies are read field by field, like a client would.
export type Loose = any;

/** A command's answer: the result on success; on a refusal `{ code, params, current, message }`. */
export interface Reply {
  status: number;
  body: Loose;
}

export interface AuditRow {
  action: string;
  actorId: string | null;
}

/** One host running the pack, driven over its own transport (HTTP routes, NocoBase actions). */
export interface Caller {
  /** Runs the pack command `command` (its `name`, e.g. `keyResult.update`) as `persona`. */
  run(persona: Persona, command: string, input: Record<string, unknown>): Promise<Reply>;
  /** Null when the host exposes the command; else why not (no route, no action). */
  missing(command: string): string | null;
  /** The audit rows of one subject, oldest first. */
  auditRows(subjectType: string, subjectId: string): Promise<AuditRow[]>;
  /** A digest of every stored pack record (and the audit log): equal digests, nothing stored. */
  digest(): Promise<string>;
  /** Waits for the background rule runs a write started, so a digest is not taken mid-run. */
  settle(): Promise<void>;
  /**
   * Makes the record a command would make, for a command the host has no route or action for, the
   * host's own way (so cases that need a cycle or a person still run there).
   */
  arrange?(command: string, input: Record<string, unknown>): Promise<Loose>;
  /** Locks or unlocks a cycle the way the host's administrator does. */
  lockCycle(cycleId: string, locked: boolean): Promise<void>;
  close(): Promise<void>;
}
