import { overlayView } from '../../../plugin/app/commands/form-overlays.ts';
import { notFound } from '../../../plugin/app/errors.ts';
import { quarter } from '../../../plugin/app/input.ts';
import { poolRunView } from '../../../plugin/app/pool-run-view.ts';
import { nocobaseRecords } from './app-records.ts';
import type { PackService } from './pack-service.ts';
import { readerOf, readInput } from './read-actions.ts';
import type { Tables } from './tables.ts';

type Handler = (s: PackService, p: Record<string, unknown>, tables: Tables) => Promise<unknown>;

const formId = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,59}$' } as const;

/**
 * Reads next to the pool-run and form-overlay commands (the writes are `COMMAND_ACTIONS`): what the
 * caller may see, filtered by the pack's own `poolRunView`, as on the reference host.
 */
export const POOL_RUN_READS: Record<string, Handler> = {
  /** `{quarter?}` → the stored runs the caller may see, newest quarter first. */
  async poolRuns(s, p, tables) {
    const b = readInput<{ quarter?: string }>(
      p,
      { type: 'object', additionalProperties: false, properties: { quarter } },
      'poolRuns',
    );
    const user = readerOf(s, 'read', { type: 'poolRun' }, 'pool run');
    const records = nocobaseRecords(tables);
    const people = new Map((await records.find('people')).map((person) => [person.id, person]));
    const runs = await records.find('poolRuns', b.quarter ? { quarter: b.quarter } : undefined);
    return runs
      .sort((a, z) => z.quarter.localeCompare(a.quarter))
      .flatMap((r) => poolRunView(r, user, people) ?? []);
  },
  /** `{formId}` → HR's overlay of that pack form (404 when HR has not changed it). */
  async formOverlay(s, p, tables) {
    const b = readInput<{ formId: string }>(
      p,
      { type: 'object', required: ['formId'], additionalProperties: false, properties: { formId } },
      'formOverlay',
    );
    readerOf(s, 'read', { type: 'formOverlay' }, 'form overlay');
    const found = await nocobaseRecords(tables).get('formOverlays', b.formId);
    if (!found) throw notFound('form overlay', b.formId);
    return overlayView(found);
  },
};
