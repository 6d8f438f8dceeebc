import { createRunScheduler } from '../../../plugin/app/run-scheduler.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rules runner: rules re-run after writes, batched, one at a time', () => {
  it('makes one run of several writes close together', async () => {
    let runs = 0;
    const runner = createRunScheduler(
      async () => (runs += 1),
      () => {},
      { debounceMs: 30 },
    );
    for (let i = 0; i < 5; i++) runner.schedule();
    expect(runs).toBe(0);
    await runner.idle();
    expect(runs).toBe(1);
    runner.schedule();
    await runner.idle();
    expect(runs).toBe(2);
  });

  it('never runs two at once, also with an evaluate that records events meanwhile', async () => {
    let active = 0;
    let most = 0;
    const task = async () => {
      active += 1;
      most = Math.max(most, active);
      await sleep(40);
      active -= 1;
    };
    const runner = createRunScheduler(task, () => {}, { debounceMs: 5 });
    runner.schedule();
    await sleep(15);
    runner.schedule();
    await Promise.all([runner.exclusive(task), runner.exclusive(task)]);
    await runner.idle();
    expect(most).toBe(1);
  });

  it('logs a failed run instead of throwing, and runs again on the next write', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = createRunScheduler(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
      },
      (e) => errors.push(e),
      { debounceMs: 5 },
    );
    runner.schedule();
    await runner.idle();
    expect(errors).toEqual([new Error('database gone')]);
    runner.schedule();
    await runner.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('runs on start and periodically until stopped, and ignores writes once stopped', async () => {
    let runs = 0;
    const runner = createRunScheduler(
      async () => (runs += 1),
      () => {},
      { debounceMs: 5, everyMs: 40 },
    );
    runner.start();
    await sleep(150);
    expect(runs).toBeGreaterThanOrEqual(2);
    runner.stop();
    const stoppedAt = runs;
    runner.schedule();
    await sleep(100);
    expect(runs).toBe(stoppedAt);
  });
});
