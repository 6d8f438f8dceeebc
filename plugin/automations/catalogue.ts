/**
 * The fixed vocabulary of automations: what may trigger one, which facts its conditions may test
 * with which operators, whom a step may address and which placeholders a message may use. HR
 * composes these; nothing here is an expression, so a document can be stored, diffed and previewed.
 */

/** Rule events (rules/*.rules.json), as the rules runner stores them in rule_events. */
export const RULE_TRIGGERS = [
  'alignment-low',
  'kr-unlinked',
  'calibration-amber',
  'calibration-red',
  'escalate',
  'key-client-gap',
  'checkin-missing',
  'kr-stale',
] as const;

/** Things people do (read from the audit log) or that time makes true (an overdue escalation). */
export const LIFECYCLE_TRIGGERS = [
  'checkin-submitted',
  'escalation-raised',
  'escalation-resolved',
  'escalation-overdue',
  'pool-released',
  'settings-published',
  'peer-review-opened',
] as const;

export const TRIGGERS = [...RULE_TRIGGERS, ...LIFECYCLE_TRIGGERS] as const;
/** The event of an admin's own rule (plugin/engine/custom-rules.ts): `custom.<name>`. */
export type CustomTrigger = `custom.${string}`;
export type Trigger = (typeof TRIGGERS)[number] | CustomTrigger;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];
type LifecycleTrigger = (typeof LIFECYCLE_TRIGGERS)[number];

const CUSTOM_TRIGGER = /^custom\.[a-z0-9][a-z0-9-]{0,59}$/;
/** A trigger the product knows: a built-in rule or lifecycle event, or the shape of a custom rule's event. */
export const isKnownTrigger = (trigger: string): boolean =>
  (TRIGGERS as readonly string[]).includes(trigger) || CUSTOM_TRIGGER.test(trigger);

/** The audit actions each lifecycle trigger listens to. */
export const LIFECYCLE_ACTIONS: Record<Exclude<LifecycleTrigger, 'escalation-overdue'>, readonly string[]> = {
  'checkin-submitted': ['checkIn.create', 'checkIn.update'],
  'escalation-raised': ['escalation.raise', 'escalation.open'],
  'escalation-resolved': ['escalation.resolve'],
  'pool-released': ['pool.release'],
  'settings-published': ['settings.publish', 'settings.rollback'],
  'peer-review-opened': ['peerReviewWindow.open'],
};

export type FactKind = 'string' | 'number';

/**
 * Facts of an event and its subject. `region` is the region id of the KR, person or account;
 * `role` the role of the person concerned (the KR's owner); `colour` the month's colour; `streak`
 * the months running at amber (red counts as its own streak); `days` the days the event measures
 * (since contact, since update, since raised); `amount` the check-in's value or a resource request.
 */
export const FACTS = {
  region: 'string',
  role: 'string',
  colour: 'string',
  streak: 'number',
  days: 'number',
  amount: 'number',
} as const satisfies Record<string, FactKind>;
export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];

export const OPERATORS_BY_KIND: Record<FactKind, readonly string[]> = {
  string: ['equal', 'notEqual', 'in', 'notIn'],
  number: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
};

/** The values a string fact may take, where the list is fixed (region ids come from the data). */
export const FACT_VALUES: Partial<Record<FactName, readonly string[]>> = {
  role: ['admin', 'hr', 'strategy', 'manager', 'sales'],
  colour: ['green', 'amber', 'red'],
};

/** Placeholders a message template may use: `{owner}` and so on, filled with names, never ids. */
export const PLACEHOLDERS = [
  'owner',
  'kr',
  'region',
  'month',
  'streak',
  'days',
  'colour',
  'trigger',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Whom a step addresses, relative to the event (or a fixed person or role). */
export const AUDIENCES = ['owner', 'manager', 'region-head', 'role', 'person'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const STEP_TYPES = ['notify', 'assign', 'follow-up', 'wait', 'raise'] as const;
export type StepType = (typeof STEP_TYPES)[number];
