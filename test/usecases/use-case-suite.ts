// Runs the use-case table (cases.ts) against one host through its `Caller`.
import { ALL_PERSONAS, type Caller, PERSONAS, type Persona, type Reply } from './caller.ts';
import { CASES, type Setup, type UseCase } from './cases.ts';

/** The checks each case gets; a driver names known bugs by `command/check`. */
export type Check =
  | 'exposed'
  | `allowed as ${Persona}`
  | 'refused'
  | 'stale-version'
  | 'cycle-locked'
  | `refuses ${string}`;

export interface SuiteOptions {
  name: string;
  skip?: boolean;
  start(): Promise<Caller>;
  /** `command/check` → the bug that makes it fail today: run as `it.fails` until fixed. */
  knownBugs?: Readonly<Record<string, string>>;
}

const show = (r: Reply) => `${r.status} ${JSON.stringify(r.body)?.slice(0, 400)}`;

function setupOf(caller: Caller, firstYear: number): Setup {
  let serial = 0;
  let year = firstYear;
  const attempt = async (command: string, input: Record<string, unknown>, as: Persona): Promise<Reply> =>
    caller.missing(command) && caller.arrange
      ? { status: 200, body: await caller.arrange(command, input) }
      : caller.run(as, command, input);
  const ok = async (command: string, input: Record<string, unknown>, as: Persona = 'admin') => {
    const r = await attempt(command, input, as);
    if (r.status < 200 || r.status > 299)
      throw new Error(`prepare: ${command} as ${as} answered ${show(r)} to ${JSON.stringify(input)}`);
    return r.body;
  };
  return {
    ok,
    async okOr(code, command, input, as = 'admin') {
      const r = await attempt(command, input, as);
      if ((r.status < 200 || r.status > 299) && r.body?.code !== code)
        throw new Error(`prepare: ${command} as ${as} answered ${show(r)}`);
    },
    unique: (label) => `${label}（用例 ${++serial}）`,
    year: () => year++,
  };
}

export function describeUseCases(options: SuiteOptions): void {
  describe.skipIf(options.skip)(options.name, () => {
    let caller: Caller;
    let t: Setup;
    beforeAll(async () => {
      caller = await options.start();
      t = setupOf(caller, 2030);
    }, 300_000);
    afterAll(async () => {
      await caller?.close();
    });

    const test = (c: UseCase, check: Check, title: string, body: () => Promise<void>) => {
      const bug = options.knownBugs?.[`${c.command}/${check}`];
      // A known bug runs as it.fails: the day it is fixed, the suite says so.
      (bug ? it.fails : it)(bug ? `${title} — known bug: ${bug}` : title, async (ctx) => {
        if (check !== 'exposed' && caller.missing(c.command)) ctx.skip();
        await body();
      });
    };

    /** A target made for `as`, and the input `c` takes on it. */
    const runOnFresh = async (c: UseCase, as: Persona) => {
      const p = await c.prepare(t, as);
      return { p, input: c.input(p, as) };
    };

    /** Asserts `work` stores nothing: the digest of every pack record and audit row is unchanged. */
    const storesNothing = async (work: () => Promise<void>) => {
      await caller.settle();
      const before = await caller.digest();
      await work();
      await caller.settle();
      expect(await caller.digest(), 'a refused command stored something').toBe(before);
    };

    for (const c of CASES) {
      const refused = ALL_PERSONAS.filter((p) => !c.allowed.includes(p));
      describe(c.command, () => {
        test(c, 'exposed', 'is a route or action of the host', async () => {
          expect(caller.missing(c.command)).toBeNull();
        });

        for (const as of c.allowed)
          test(c, `allowed as ${as}`, `runs as ${as}${c.audit ? ' and audits it' : ''}`, async () => {
            const { p, input } = await runOnFresh(c, as);
            const r = await caller.run(as, c.command, input);
            expect(r.status, `${c.command} as ${as}: ${show(r)}`).toBeGreaterThanOrEqual(200);
            expect(r.status, `${c.command} as ${as}: ${show(r)}`).toBeLessThan(300);
            if (!c.audit) return;
            const want = c.audit(p, r.body, input);
            const rows = await caller.auditRows(want.subjectType, want.subjectId);
            const actorId = want.actor === 'none' ? null : PERSONAS[as].personId;
            expect(rows.at(-1), `newest audit row of ${want.subjectType} ${want.subjectId}`).toEqual({
              action: want.action,
              actorId,
            });
            for (const more of c.alsoAudits?.(p, r.body) ?? []) {
              const moreRows = await caller.auditRows(more.subjectType, more.subjectId);
              expect(moreRows.at(-1), `newest audit row of ${more.subjectType} ${more.subjectId}`).toEqual({
                action: more.action,
                actorId: PERSONAS[as].personId,
              });
            }
          });

        for (const refusal of c.refusals ?? [])
          test(
            c,
            `refuses ${refusal.code}`,
            `refuses ${refusal.title} with ${refusal.status} ${refusal.code}, storing nothing`,
            async () => {
              const p = await c.prepare(t, c.allowed[0] as Persona);
              let r: Reply | undefined;
              await storesNothing(async () => {
                r = await caller.run(c.allowed[0] as Persona, c.command, refusal.input(p));
              });
              const got = [r?.status, r?.body?.code, refusal.params ? r?.body?.params : null];
              const want = [refusal.status, refusal.code, refusal.params ? refusal.params(p) : null];
              expect(got, show(r as Reply)).toEqual(want);
            },
          );

        if (refused.length > 0)
          test(
            c,
            'refused',
            `refuses ${refused.join(', ')} with 403 forbidden, storing nothing`,
            async () => {
              const { input } = await runOnFresh(c, c.allowed[0] as Persona);
              const answers: Record<string, string> = {};
              await storesNothing(async () => {
                for (const as of refused) {
                  const r = await caller.run(as, c.command, input);
                  answers[as] = `${r.status} ${r.body?.code}`;
                }
              });
              expect(answers).toEqual(Object.fromEntries(refused.map((as) => [as, '403 forbidden'])));
            },
          );

        const versionOf = c.version;
        if (versionOf)
          test(
            c,
            'stale-version',
            'refuses a stale version with 409 stale-version naming the stored one',
            async () => {
              const as = c.allowed[0] as Persona;
              const { p, input } = await runOnFresh(c, as);
              const stored = versionOf(p);
              const sent = stored > 1 ? stored - 1 : stored + 1;
              let r: Reply | undefined;
              await storesNothing(async () => {
                r = await caller.run(as, c.command, { ...input, version: sent });
              });
              expect([r?.status, r?.body?.code, r?.body?.params?.stored], show(r as Reply)).toEqual([
                409,
                'stale-version',
                stored,
              ]);
            },
          );

        const cycleOf = c.cycle;
        if (cycleOf)
          test(c, 'cycle-locked', 'refuses a locked cycle with 409 cycle-locked', async () => {
            const as = c.allowed[0] as Persona;
            const { p, input } = await runOnFresh(c, as);
            const cycleId = cycleOf(p);
            await caller.lockCycle(cycleId, true);
            let r: Reply | undefined;
            try {
              await storesNothing(async () => {
                r = await caller.run(as, c.command, input);
              });
            } finally {
              await caller.lockCycle(cycleId, false);
            }
            expect([r?.status, r?.body?.code], show(r as Reply)).toEqual([409, 'cycle-locked']);
          });
      });
    }
  });
}
