import type { Id } from '../../domain/types.ts';
import { defineCommand } from '../command.ts';
import { id, month } from '../input.ts';
import { byKeys, readableKeyResults } from './readable.ts';

export const listCheckIns = defineCommand({
  name: 'checkIn.list',
  summary: 'The check-ins of the key results the caller may read (of a cycle, a KR or a month)',
  input: {
    type: 'object',
    additionalProperties: false,
    properties: { cycleId: id, krId: id, month },
  },
  async run(ctx, q: { cycleId?: Id; krId?: Id; month?: string }) {
    const krs = await readableKeyResults(ctx.tx, ctx.user, 'checkIn', q.cycleId);
    const all = await ctx.tx.find('checkIns', q.month ? { month: q.month } : undefined);
    const found = all.filter((c) => krs.has(c.krId) && (!q.krId || c.krId === q.krId));
    return found.sort(
      byKeys(
        (c) => c.krId,
        (c) => c.month,
      ),
    );
  },
});
