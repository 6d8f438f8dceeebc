import type { CollectionDef } from './collections.ts';

/**
 * The automations' audit cursor on NocoBase (the runs and waits are records of the pack's schema):
 * the time of the last audit row whose lifecycle event went to the automations.
 */
export const AUTOMATION_COLLECTIONS = { automationCursor: 'okr_automation_cursor' } as const;

export const AUTOMATION_COLLECTION_DEFS: readonly CollectionDef[] = [
  {
    name: AUTOMATION_COLLECTIONS.automationCursor,
    title: `collections.${AUTOMATION_COLLECTIONS.automationCursor}`,
    autoGenId: false,
    timestamps: false,
    fields: [
      { name: 'id', type: 'string', primaryKey: true, allowNull: false },
      { name: 'at', type: 'string', allowNull: false },
    ],
  },
];
