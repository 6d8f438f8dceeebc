import { defineCommand } from '../command.ts';
import { quarter } from '../input.ts';
import { poolRunView } from '../pool-run-view.ts';
import { byKeys, peopleById } from './readable.ts';

export const listPoolRuns = defineCommand({
  name: 'poolRun.list',
  summary: 'The stored pool runs (of a quarter, or all) as far as the caller may see them, newest first',
  input: { type: 'object', additionalProperties: false, properties: { quarter } },
  async run(ctx, q: { quarter?: string }) {
    ctx.allow('read', { type: 'poolRun' }, 'pool run');
    const people = await peopleById(ctx.tx);
    const runs = await ctx.tx.find('poolRuns', q.quarter ? { quarter: q.quarter } : undefined);
    return runs
      .sort(byKeys((r) => r.quarter))
      .reverse()
      .flatMap((r) => poolRunView(r, ctx.user, people) ?? []);
  },
});
