import { runCommand } from '../../../plugin/app/command.ts';
import { closePeerReviewWindow, openPeerReviewWindow } from '../../../plugin/app/commands/peer-reviews.ts';
import { AppError } from '../../../plugin/app/errors.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { appPortsOf } from '../app-ports.ts';
import type { ServerContext } from '../context.ts';
import type { ScheduleRunnerDeps } from './schedule-runner.ts';

/** The schedule acts as the system, an administrator, through the commands HR uses. */
const SCHEDULE: HostUser = {
  userId: 'system',
  personId: 'system',
  name: 'schedule',
  role: 'admin',
  regionId: null,
  scope: null,
};

/**
 * A window HR already opened (or closed), or a quarter no cycle covers, leaves the schedule nothing to
 * do: not a failure to retry every tick.
 */
const NOTHING_TO_DO = new Set(['review-window-open', 'review-window-closed', 'quarter-outside-cycles']);
const nothingToDo = (error: unknown) => error instanceof AppError && NOTHING_TO_DO.has(error.code);

export function peerWindowsOf(ctx: ServerContext): NonNullable<ScheduleRunnerDeps['peerWindows']> {
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      if (!nothingToDo(error)) throw error;
    }
  };
  return {
    open: (quarter, closesOn) =>
      run(() => runCommand(appPortsOf(ctx), SCHEDULE, openPeerReviewWindow, { quarter, closesOn })),
    close: (quarter) => run(() => runCommand(appPortsOf(ctx), SCHEDULE, closePeerReviewWindow, { quarter })),
  };
}
