import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import { Evaluator } from '../../host/server/services/evaluator.ts';
import { defaultSettings } from '../../plugin/engine/index.ts';

describe('Evaluator (engine evaluate in a worker thread)', () => {
  const worker = new Evaluator();
  afterAll(() => worker.close());

  it('returns what the in-process evaluation returns, without stalling the event loop', async () => {
    const snapshot = caseStudySnapshot();
    const settings = defaultSettings();
    const inline = await new Evaluator(true).evaluate(snapshot, settings, '2026-06-15');
    await worker.evaluate(snapshot, settings, '2026-06-15'); // warm the worker up
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const result = await worker.evaluate(snapshot, settings, '2026-06-15');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(result).toEqual(inline);
    // The main thread kept ticking while the worker computed.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 4));
  });

  it('rejects with the engine error for bad input and keeps working', async () => {
    await expect(worker.evaluate(caseStudySnapshot(), defaultSettings(), 'not-a-date')).rejects.toThrow(
      /not a date/,
    );
    const ok = await worker.evaluate(caseStudySnapshot(), defaultSettings(), '2026-03-31');
    expect(ok.alignment.perKr.length).toBeGreaterThan(0);
  });
});
