import type { Id } from '../../domain/types.ts';
import { defineCommand } from '../command.ts';
import { id } from '../input.ts';
import { byKeys } from './readable.ts';

export const listObjectives = defineCommand({
  name: 'objective.list',
  summary: 'The strategic objectives (of a cycle, or all) with their row versions and custom values',
  input: { type: 'object', additionalProperties: false, properties: { cycleId: id } },
  async run(ctx, q: { cycleId?: Id }) {
    ctx.allow('read', { type: 'objective' }, 'objective');
    const found = await ctx.tx.find('objectives', q.cycleId ? { cycleId: q.cycleId } : undefined);
    return found.sort(byKeys((o) => o.id)).map((o) => ({ ...o, custom: o.custom ?? null }));
  },
});
