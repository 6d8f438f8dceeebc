import {
  apiErrorOf,
  EDITOR_ACTIONS,
  nocobaseEditorsPort,
} from '../../../adapters/nocobase/client/editors-port.ts';
import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { ApiError } from '../../../host/web/api/api-error.ts';
import { commandOf } from '../../../plugin/app/catalogue.ts';
import { LOW_CONFIDENCE_RULES } from '../../../plugin/engine/custom-rules-examples.ts';
import { demo, nocobaseServer, userOf } from './editor-actions.ts';

describe("the NocoBase editors' port", () => {
  it("names only actions of the pack's catalogue, but the snapshot", () => {
    for (const [key, url] of Object.entries(EDITOR_ACTIONS))
      if (key !== 'snapshot') expect(commandOf(url.replace('okrAlign:', '')), url).toBeDefined();
  });

  it("runs HR's automations: reads with GET, writes with their input in the body, no robots yet", async () => {
    const server = await nocobaseServer(userOf('person-linxue'));
    const port = nocobaseEditorsPort(server.request, 'zh-CN');
    const current = await port.automations.current();
    expect(current.version).toBe(0);
    const proposed = await port.automations.propose(current.document, '先用默认的');
    expect((await port.automations.publish(proposed.version)).version).toBe(proposed.version);
    expect((await port.automations.versions()).map((v) => v.version)).toEqual([proposed.version]);
    expect(await port.automations.failures()).toEqual({ count: 0, runs: [] });
    expect(await port.automations.channels()).toEqual([]);
    expect(server.sent).toEqual([
      { url: 'okrAlign:automations', method: 'get' },
      {
        url: 'okrAlign:proposeAutomations',
        method: 'post',
        data: { document: current.document, reason: '先用默认的' },
      },
      { url: 'okrAlign:publishAutomations', method: 'post', data: { version: proposed.version } },
      { url: 'okrAlign:automationVersions', method: 'get' },
      { url: 'okrAlign:automationFailures', method: 'get' },
      { url: 'okrAlign:channelNames', method: 'get' },
    ]);
    const missing = await port.automations.retry('run-x').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, code: 'not-found', params: { id: 'run-x' } });
    expect(server.sent.at(-1)).toEqual({
      url: 'okrAlign:retryFailedRun',
      method: 'post',
      data: { id: 'run-x' },
    });
  });

  it("runs the admin's rules: preview, propose and publish, and names people once from the snapshot", async () => {
    const server = await nocobaseServer(userOf('person-zhoulei'));
    const port = nocobaseEditorsPort(server.request, 'en-US');
    expect((await port.rules.current()).current.version).toBe(0);
    expect(await port.rules.preview({ rules: [] })).toMatchObject({ added: 0, removed: 0 });
    const proposed = await port.rules.propose(LOW_CONFIDENCE_RULES, 'low confidence twice');
    expect((await port.rules.publish(proposed.version)).status).toBe('published');
    expect((await port.rules.current()).eventTypes.map((e) => e.type)).toEqual(['custom.low-confidence']);
    const people = await port.people();
    expect(people).toContainEqual({
      id: 'person-zhaomin',
      name: demo.people.find((p) => p.id === 'person-zhaomin')?.name,
    });
    expect((await port.regions()).length).toBe(demo.regions.length);
    expect((await port.keyResults()).length).toBeGreaterThan(0);
    expect(server.sent.filter((r) => r.url === 'okrAlign:snapshot')).toHaveLength(1);
    expect(server.sent.slice(1, 3)).toEqual([
      { url: 'okrAlign:previewCustomRules', method: 'post', data: { document: { rules: [] } } },
      {
        url: 'okrAlign:proposeCustomRules',
        method: 'post',
        data: { document: LOW_CONFIDENCE_RULES, reason: 'low confidence twice' },
      },
    ]);
    // HR reads the rules but may not change them: the refusal comes back in the shell's words.
    const hr = nocobaseEditorsPort((await nocobaseServer(userOf('person-linxue'))).request, 'zh-CN');
    expect(await hr.rules.rollback(0, '撤回').catch((e: unknown) => e)).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it("previews and dry-runs HR's automations over NocoBase's rule events, sending to the editor alone", async () => {
    const server = await nocobaseServer(userOf('person-linxue'));
    const port = nocobaseEditorsPort(server.request, 'zh-CN');
    const kr = demo.keyResults.find((k) => k.ownerId !== 'person-linxue')!;
    await server.tables.create(COLLECTIONS.ruleEvents, {
      id: 'e-unlinked',
      type: 'kr-unlinked',
      krId: kr.id,
      personId: kr.ownerId,
      params: {},
      at: '2026-06-10T08:00:00.000Z',
      dedupKey: 'e-unlinked',
    });
    const { document } = await port.automations.current();
    const preview = await port.automations.preview(document);
    expect(preview).toMatchObject({ from: '2026-03-17', to: '2026-06-15', events: 1, runs: 1 });
    const row = preview.automations.find((a) => a.id === 'standard-kr-unlinked')!;
    expect(row.runs).toBe(1);
    expect(row.messages[0]?.recipients).toContain(demo.people.find((p) => p.id === kr.ownerId)!.name);

    const dry = await port.automations.dryRun(document, 'standard-kr-unlinked');
    expect(dry).toMatchObject({ sent: 1, steps: ['notify'], event: { id: 'e-unlinked' } });
    const sent = await server.tables.find(COLLECTIONS.notifications, {});
    expect(sent.map((n) => n.personId)).toEqual(['person-linxue']);
    expect(await port.automations.dryRun(document, 'nope').catch((e: unknown) => e)).toMatchObject({
      status: 400,
    });
  });

  it("refuses a rep the automations' preview", async () => {
    const rep = demo.people.find((p) => p.role === 'sales')!;
    const port = nocobaseEditorsPort((await nocobaseServer(userOf(rep.id))).request, 'zh-CN');
    const document = { version: 1 as const, automations: [] };
    expect(await port.automations.preview(document).catch((e: unknown) => e)).toMatchObject({ status: 403 });
  });

  it('says an unexplained failure by its status and keeps what the server sent', () => {
    expect(apiErrorOf({ response: { status: 502, data: '' } })).toMatchObject({
      status: 502,
      code: 'unknown',
      wordsKey: 'errors.server',
    });
    expect(apiErrorOf(new Error('Network Error'))).toMatchObject({ status: 0, wordsKey: 'errors.offline' });
    const refused = {
      errors: [{ message: 'x: give a reason', code: 'reason-required', params: {}, issues: [1] }],
    };
    expect(apiErrorOf({ response: { status: 400, data: refused } })).toMatchObject({
      status: 400,
      code: 'reason-required',
      message: 'x: give a reason',
      wordsKey: null,
      extra: { issues: [1] },
    });
  });
});
