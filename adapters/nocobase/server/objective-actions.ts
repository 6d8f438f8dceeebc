import { id } from '../../../plugin/app/input.ts';
import { nocobaseRecords } from './app-records.ts';
import type { PackService } from './pack-service.ts';
import { readerOf, readInput } from './read-actions.ts';
import type { Tables } from './tables.ts';

type Handler = (s: PackService, p: Record<string, unknown>, tables: Tables) => Promise<unknown>;

// Objectives are written by the pack's commands (createObjective, updateObjective, deleteObjective in
// command-actions.ts); this is their read with the row version a client sends back.

/** Strategic objectives as `GET /api/objectives` answers them: with row version and custom values. */
export const OBJECTIVE_ACTIONS: Record<string, Handler> = {
  async objectives(s, p, tables) {
    const b = readInput<{ cycleId?: string }>(
      p,
      { type: 'object', additionalProperties: false, properties: { cycleId: id } },
      'objectives',
    );
    readerOf(s, 'read', { type: 'objective' }, 'objective');
    const found = await nocobaseRecords(tables).find(
      'objectives',
      b.cycleId ? { cycleId: b.cycleId } : undefined,
    );
    return found.sort((a, z) => a.id.localeCompare(z.id)).map((o) => ({ ...o, custom: o.custom ?? null }));
  },
};
