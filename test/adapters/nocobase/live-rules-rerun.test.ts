// Rules re-run after a committed write (NOCOBASE_URL set): a check-in that turns a KR red produces its
// `escalate` rule-event row (what NocoBase workflows trigger on) within seconds, without evaluate.
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import { base, type Caller, call, importDemo, liveLock, q, signInRoot } from './live-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!base)('nocobase adapter: rules re-run after writes', () => {
  let release = () => {};
  let root: Caller = null;
  let demo: Snapshot;

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    demo = await importDemo(root);
    // The import schedules a run of its own (after ~1 s): let it finish before the test clears events.
    await sleep(3000);
  }, 300_000);
  afterAll(() => release());

  it('records the escalate event of a KR a check-in turned red, without calling evaluate', async () => {
    const at = demo.cycle.end;
    const before = evaluate(demo, defaultSettings(), at);
    // The latest month the rules judge as of the cycle end (a month is judged once its check-in is due).
    const month = before.colours
      .map((c) => c.month)
      .sort()
      .at(-1)!;
    const escalated = (s: { events: typeof before.events }, krId: string) =>
      s.events.some((e) => e.type === 'escalate' && e.subject.krId === krId && e.subject.month === month);
    const green = before.colours.filter((c) => c.month === month && c.colour === 'green').map((c) => c.krId);
    const kr = demo.keyResults.find(
      (k) => k.ownerType === 'person' && green.includes(k.id) && !escalated(before, k.id),
    )!;
    expect(kr).toBeDefined();
    const checkIn = { krId: kr.id, month, value: kr.baseline, confidence: 2, selfColour: 'red' };
    // The same change locally turns the KR red and escalates it: the test is about the adapter.
    const after = structuredClone(demo);
    after.checkIns = after.checkIns.filter((c) => !(c.krId === kr.id && c.month === month));
    after.checkIns.push({
      id: 'local',
      krId: kr.id,
      month,
      value: kr.baseline,
      selfColour: 'red',
      colourNote: '',
      submittedAt: `${at}T12:00:00Z`,
      blockers: '',
      resourceRequest: null,
      confidence: 2,
    });
    expect(escalated(evaluate(after, defaultSettings(), at), kr.id)).toBe(true);

    const filter = { type: 'escalate', krId: kr.id, month };
    const rows = async () => (await call(root, `okr_rule_events:list?filter=${q(filter)}`)).data as unknown[];
    await call(root, `okr_rule_events:destroy?filter=${q({ krId: kr.id })}`, {});
    expect(await rows()).toEqual([]);

    const saved = await call(root, 'okrAlign:saveCheckIn', checkIn);
    expect(saved.status).toBe(200);
    const writtenAt = Date.now();
    expect(await rows()).toEqual([]); // batched: not inside the write's answer
    let found: unknown[] = [];
    while (found.length === 0 && Date.now() - writtenAt < 10_000) {
      await sleep(250);
      found = await rows();
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'escalate', krId: kr.id, month, personId: kr.ownerId });
    console.info(`rules re-run: escalate row after ${Date.now() - writtenAt} ms`);
  }, 60_000);
});
