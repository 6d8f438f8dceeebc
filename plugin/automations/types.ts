import type { Audience, FactName, Trigger } from './catalogue.ts';

/** A json-rules-engine condition over the automation facts (no `path`, no fact references). */
export interface FactTest {
  fact: FactName;
  operator: string;
  value: string | number | (string | number)[];
}
export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | FactTest;
export type Conditions = { all: ConditionNode[] } | { any: ConditionNode[] };

/** Someone a step addresses. */
export interface Target {
  who: Audience;
  /** With `who: 'role'`. */
  role?: string;
  /** With `who: 'person'`. */
  personId?: string;
}

/** A message HR writes, with `{placeholder}`s from the fixed list; no expressions. */
export interface MessageTemplate {
  title: string;
  text: string;
}

export interface NotifyStep {
  type: 'notify';
  to: Target[];
  inApp: boolean;
  /** An outgoing channel (IM robot, host/server/notify) by its id, or none. */
  channelId?: string | null;
  /** Omitted: the standard words of the trigger (what the product sends today). */
  message?: MessageTemplate;
}
export interface AssignStep {
  type: 'assign';
  to: Target;
}
export interface FollowUpStep {
  type: 'follow-up';
  to: Target;
  title: string;
  dueDays: number;
}
export interface WaitStep {
  type: 'wait';
  days: number;
}
export interface RaiseStep {
  type: 'raise';
}
export type Step = NotifyStep | AssignStep | FollowUpStep | WaitStep | RaiseStep;

export interface Automation {
  id: string;
  title: string;
  enabled: boolean;
  trigger: Trigger;
  conditions?: Conditions;
  steps: Step[];
}

/** The document HR edits and publishes, versioned like the settings. */
export interface AutomationDocument {
  $schema?: string;
  version: 1;
  automations: Automation[];
}

/** What happened, in the terms automations match on. */
export interface AutomationEvent {
  /** Stable: the rule_events row id, `audit:<id>` or `overdue:<escalation id>`. */
  id: string;
  trigger: Trigger;
  /** ISO date-time or date of the event. */
  at: string;
  subject: {
    krId?: string;
    personId?: string;
    accountId?: string;
    month?: string;
    escalationId?: string;
    quarter?: string;
  };
  params: Record<string, unknown>;
  /** The rule event's dedup key: the standard message of a rule event reaches a person once. */
  dedupKey?: string;
}

/** Facts and words of one event, computed from the data by the host (see `eventFacts`). */
export interface EventContext {
  facts: Partial<Record<FactName, string | number>>;
  /** Names for the placeholders. */
  words: Partial<Record<string, string>>;
  /** The people the event concerns, resolved from the data. */
  ownerIds: string[];
  managerIds: string[];
  regionHeadIds: string[];
  /** The escalation the event is about, if any. */
  escalationId: string | null;
}

/** What an automations preview answers: the runs over a past window, per automation and region. */
export interface AutomationPreview {
  from: string;
  to: string;
  /** Events of the window looked at. */
  events: number;
  /** Times any automation would have run. */
  runs: number;
  automations: {
    id: string;
    title: string;
    runs: number;
    byRegion: { regionId: string | null; region: string | null; runs: number }[];
    /** A few of the messages it would have sent, with the names of their recipients. */
    messages: {
      at: string;
      subject: AutomationEvent['subject'];
      message: PlannedMessage;
      recipients: string[];
      channelId: string | null;
    }[];
  }[];
}

/** A step that failed after its last attempt, in words: never ids. */
export interface FailedRun {
  id: string;
  /** The automation's title in the published document; null when it is no longer there. */
  automation: string | null;
  /** 1-based. */
  step: number;
  kind: PlannedAction['kind'];
  trigger: AutomationEvent['trigger'];
  /** When the event happened. */
  eventAt: string;
  person: string | null;
  kr: string | null;
  region: string | null;
  month: string | null;
  error: string | null;
  attempts: number;
  /** When the step was first tried. */
  createdAt: string;
}

/** A message either in the product's standard words (`kind` + params) or as HR wrote it. */
export type PlannedMessage =
  | { kind: string; params: Record<string, unknown> }
  | { kind: 'automation.message'; params: { title: string; text: string } };

export interface PlannedBase {
  /** `(eventId, automationId, stepIndex)`: stored before acting, so a step runs once. */
  key: string;
  eventId: string;
  automationId: string;
  stepIndex: number;
}
export type PlannedAction = PlannedBase &
  (
    | {
        kind: 'notify';
        recipientIds: string[];
        inApp: boolean;
        channelId: string | null;
        message: PlannedMessage;
        /** Reaches a person once, whichever automation sends it. */
        dedupKey: string;
      }
    | { kind: 'assign'; escalationId: string | null; assigneeId: string | null }
    | { kind: 'follow-up'; recipientIds: string[]; title: string; dueDate: string }
    | { kind: 'wait'; dueDate: string; resumeAt: number }
    | { kind: 'raise'; escalationId: string | null }
  );
