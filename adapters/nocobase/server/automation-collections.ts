import type { CollectionDef, FieldDef } from './collections.ts';

/** Where the automations' executor keeps its runs, waits and audit cursor on NocoBase. */
export const AUTOMATION_COLLECTIONS = {
  automationRuns: 'okr_automation_runs',
  automationWaits: 'okr_automation_waits',
  automationCursor: 'okr_automation_cursor',
} as const;

const id: FieldDef = { name: 'id', type: 'string', primaryKey: true, allowNull: false };
const str = (name: string, allowNull = false): FieldDef => ({ name, type: 'string', allowNull });
const def = (name: string, fields: FieldDef[]): CollectionDef => ({
  name,
  title: `collections.${name}`,
  autoGenId: false,
  // The rows carry their own ISO times.
  timestamps: false,
  fields,
});

export const AUTOMATION_COLLECTION_DEFS: readonly CollectionDef[] = [
  // One row per step of an event, claimed under its unique key before the step acts.
  def(AUTOMATION_COLLECTIONS.automationRuns, [
    id,
    { name: 'runKey', type: 'string', allowNull: false, unique: true },
    str('eventId'),
    str('automationId'),
    { name: 'stepIndex', type: 'integer', allowNull: false },
    { name: 'action', type: 'json', allowNull: false },
    { name: 'event', type: 'json', allowNull: false },
    str('status'),
    { name: 'attempts', type: 'integer', allowNull: false, defaultValue: 0 },
    str('nextAttemptAt'),
    { name: 'lastError', type: 'text', allowNull: true },
    str('createdAt'),
    str('doneAt', true),
  ]),
  // A wait step, keyed by its run key: the tick goes on with the next steps when it comes due.
  def(AUTOMATION_COLLECTIONS.automationWaits, [
    id,
    str('automationId'),
    { name: 'event', type: 'json', allowNull: false },
    { name: 'resumeAt', type: 'integer', allowNull: false },
    str('dueDate'),
    str('status'),
    str('createdAt'),
    str('settledAt', true),
  ]),
  // The time of the last audit row whose lifecycle event went to the automations.
  def(AUTOMATION_COLLECTIONS.automationCursor, [id, str('at')]),
];
