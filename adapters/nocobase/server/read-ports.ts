import type { CycleReadPorts } from '../../../plugin/app/cycle-reads.ts';
import { evaluateWithCustom } from '../../../plugin/app/queries/evaluation.ts';
import type { RunScheduler } from '../../../plugin/app/run-scheduler.ts';
import { nocobaseRecords } from './app-records.ts';
import { nocobaseAppPorts } from './command-actions.ts';
import { importSnapshot } from './import-snapshot.ts';
import type { ScopedRealtime } from './realtime.ts';
import { recordRuleEvents } from './rule-events.ts';
import type { Tables } from './tables.ts';

export interface Clock {
  today(): string;
  now(): string;
}

/**
 * The ports of the pack's cycle reads over NocoBase tables. With `rules`, recording rule events waits
 * for the rules runner's own runs, so two recordings never race on the same event.
 */
export function nocobaseReadPorts(
  tables: Tables,
  clock: Clock,
  realtime?: ScopedRealtime,
  rules?: Pick<RunScheduler, 'exclusive'> & Partial<Pick<RunScheduler, 'schedule'>>,
): CycleReadPorts {
  const schedule = rules?.schedule ? { schedule: () => rules.schedule?.() } : undefined;
  return {
    ...nocobaseAppPorts(tables, clock, realtime, schedule),
    today: clock.today,
    // In process: NocoBase has no worker for it (the reference host has one).
    evaluate: async (run) => evaluateWithCustom(run),
    records: nocobaseRecords(tables),
    recordRuleEvents({ evaluation, snapshot, at }) {
      const record = () =>
        recordRuleEvents(tables, evaluation.events, clock.now(), snapshot, {
          colours: evaluation.colours,
          today: at,
          host: { realtime, rules: schedule },
        });
      return rules ? rules.exclusive(record) : record();
    },
    writeSnapshot: (snapshot) => importSnapshot(tables, snapshot),
  };
}
