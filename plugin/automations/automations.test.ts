import type { Snapshot } from '../domain/types.ts';
import { defaultAutomations } from './defaults.ts';
import { eventContext } from './event-context.ts';
import { matchAutomations } from './match.ts';
import { planSteps } from './plan.ts';
import { planEvent } from './plan-event.ts';
import type { Automation, AutomationDocument, AutomationEvent } from './types.ts';
import { AutomationDocumentError, automationIssues, validateAutomations } from './validate.ts';

const person = (id: string, role: string, regionId: string | null, managerId: string | null = null) => ({
  id,
  name: `名${id}`,
  role,
  regionId,
  managerId,
  baseBonusCents: 0,
});
const org = {
  regions: [
    { id: 'south', name: '华南' },
    { id: 'east', name: '华东' },
  ],
  people: [
    person('ceo', 'strategy', null),
    person('hr1', 'hr', null),
    person('m-south', 'manager', 'south', 'ceo'),
    person('m-east', 'manager', 'east', 'ceo'),
    person('rep', 'sales', 'south', 'm-south'),
  ],
  keyResults: [
    { id: 'kr1', title: '新能源签约', ownerType: 'person', ownerId: 'rep' },
    { id: 'kr2', title: '区域回款', ownerType: 'region', ownerId: 'east' },
  ],
  keyAccounts: [{ id: 'acc', name: '甲', ownerId: 'rep', lastContactAt: null }],
  escalations: [],
} as unknown as Snapshot;

const event = (over: Partial<AutomationEvent> = {}): AutomationEvent => ({
  id: 'ev1',
  trigger: 'escalate',
  at: '2026-06-01',
  subject: { krId: 'kr1', month: '2026-05' },
  params: { colour: 'amber', amberStreak: 2 },
  ...over,
});

const southAmber: Automation = {
  id: 'south-amber',
  title: '华南连续黄灯：总部派工程师',
  enabled: true,
  trigger: 'escalate',
  conditions: {
    all: [
      { fact: 'region', operator: 'equal', value: 'south' },
      { fact: 'colour', operator: 'equal', value: 'amber' },
      { fact: 'streak', operator: 'greaterThanInclusive', value: 2 },
    ],
  },
  steps: [
    {
      type: 'notify',
      to: [{ who: 'role', role: 'strategy' }, { who: 'region-head' }],
      inApp: true,
      channelId: 'wh-south',
      message: {
        title: '{region} {kr} 连续 {streak} 个月{colour}',
        text: '{owner} 的 {kr}：请安排工程师驻场两周',
      },
    },
    { type: 'follow-up', to: { who: 'region-head' }, title: '工程师驻场：{kr}', dueDays: 14 },
    { type: 'wait', days: 14 },
    { type: 'raise' },
  ],
};
const doc = (...automations: Automation[]): AutomationDocument => ({ version: 1, automations });

describe('automation documents: validation names each problem with its path', () => {
  it('accepts the shipped defaults and a full automation', () => {
    expect(automationIssues(defaultAutomations())).toEqual([]);
    expect(automationIssues(doc(southAmber))).toEqual([]);
  });

  it.each([
    ['unknown-trigger', { trigger: 'kr-late' }, 'automations[0].trigger'],
    [
      'unknown-fact',
      { conditions: { all: [{ fact: 'revenue', operator: 'equal', value: 1 }] } },
      'automations[0].conditions.all[0].fact',
    ],
    [
      'unknown-operator',
      { conditions: { any: [{ fact: 'region', operator: 'greaterThan', value: 'x' }] } },
      'automations[0].conditions.any[0].operator',
    ],
    [
      'bad-value',
      { conditions: { all: [{ fact: 'colour', operator: 'equal', value: 'purple' }] } },
      'automations[0].conditions.all[0].value',
    ],
    [
      'unknown-placeholder',
      {
        steps: [
          { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: '{boss}', text: 'x' } },
        ],
      },
      'automations[0].steps[0].message.title',
    ],
    [
      'message-required',
      { trigger: 'escalation-resolved', steps: [{ type: 'notify', to: [{ who: 'owner' }], inApp: true }] },
      'automations[0].steps[0].message',
    ],
    ['target-incomplete', { steps: [{ type: 'assign', to: { who: 'role' } }] }, 'automations[0].steps[0].to'],
  ])('%s', (code, patch, path) => {
    const issues = automationIssues(doc({ ...southAmber, ...patch } as Automation));
    expect(issues).toContainEqual(expect.objectContaining({ code, path }));
    expect(() => validateAutomations(doc({ ...southAmber, ...patch } as Automation))).toThrow(
      AutomationDocumentError,
    );
  });

  it('reports schema problems and duplicate ids', () => {
    expect(
      automationIssues({ version: 1, automations: [{ ...southAmber, steps: [{ type: 'wait' }] }] }),
    ).toContainEqual(expect.objectContaining({ code: 'schema', path: 'automations[0].steps[0].days' }));
    expect(automationIssues(doc(southAmber, southAmber))).toContainEqual(
      expect.objectContaining({ code: 'duplicate-id', path: 'automations[1].id' }),
    );
  });

  it("takes an admin's own rule as a trigger, with HR's own words", () => {
    const lowConfidence = { ...southAmber, id: 'low-confidence', trigger: 'custom.low-confidence' } as const;
    expect(automationIssues(doc(lowConfidence))).toEqual([]);
    expect(automationIssues(doc({ ...lowConfidence, trigger: 'custom.' }))).toContainEqual(
      expect.objectContaining({ code: 'unknown-trigger', path: 'automations[0].trigger' }),
    );
    // A custom rule has no standard words: a notify step without a message is refused.
    const wordless = { ...lowConfidence, steps: [{ type: 'notify', to: [{ who: 'owner' }], inApp: true }] };
    expect(automationIssues(doc(wordless as Automation))).toContainEqual(
      expect.objectContaining({ code: 'message-required', path: 'automations[0].steps[0].message' }),
    );
  });
});

describe('matching: conditions run in json-rules-engine over the event facts', () => {
  it('computes the facts of an event from the data', () => {
    const c = eventContext(event(), org);
    expect(c.facts).toEqual({ region: 'south', role: 'sales', colour: 'amber', streak: 2 });
    expect(c).toMatchObject({ ownerIds: ['rep'], managerIds: ['m-south'], regionHeadIds: ['m-south'] });
    expect(eventContext(event({ subject: { krId: 'kr2' } }), org).ownerIds).toEqual(['m-east']);
  });

  it.each([
    ['华南 amber, 2 months', event(), true],
    ['华南 amber, 1 month', event({ params: { colour: 'amber', amberStreak: 1 } }), false],
    ['华东', event({ subject: { krId: 'kr2', month: '2026-05' } }), false],
    ['other trigger', event({ trigger: 'calibration-amber' }), false],
  ])('%s → %s', async (_, e, fires) => {
    const matched = await matchAutomations(doc(southAmber), e, eventContext(e, org));
    expect(matched.map((a) => a.id)).toEqual(fires ? ['south-amber'] : []);
  });

  it('skips disabled automations and matches any-conditions', async () => {
    const anyOf: Automation = {
      ...southAmber,
      id: 'any',
      conditions: {
        any: [
          { fact: 'region', operator: 'in', value: ['east', 'north'] },
          { fact: 'streak', operator: 'greaterThan', value: 1 },
        ],
      },
    };
    const e = event();
    const matched = await matchAutomations(
      doc({ ...southAmber, enabled: false }, anyOf),
      e,
      eventContext(e, org),
    );
    expect(matched.map((a) => a.id)).toEqual(['any']);
  });
});

describe('planning: steps become actions keyed by (event, automation, step)', () => {
  it('plans up to the first wait, with filled messages and due dates', () => {
    const e = event();
    const actions = planSteps(southAmber, {
      event: e,
      context: eventContext(e, org),
      people: org.people,
      today: '2026-06-01',
    });
    expect(actions.map((a) => [a.kind, a.key])).toEqual([
      ['notify', 'ev1|south-amber|0'],
      ['follow-up', 'ev1|south-amber|1'],
      ['wait', 'ev1|south-amber|2'],
    ]);
    expect(actions[0]).toMatchObject({
      recipientIds: ['ceo', 'm-south'],
      channelId: 'wh-south',
      message: {
        kind: 'automation.message',
        params: {
          title: '华南 新能源签约 连续 2 个月黄灯',
          text: '名rep 的 新能源签约：请安排工程师驻场两周',
        },
      },
      dedupKey: 'automation:ev1|south-amber|0',
    });
    expect(actions[1]).toMatchObject({
      recipientIds: ['m-south'],
      title: '工程师驻场：新能源签约',
      dueDate: '2026-06-15',
    });
    expect(actions[2]).toMatchObject({ dueDate: '2026-06-15', resumeAt: 3 });
    const after = planSteps(southAmber, {
      event: e,
      context: eventContext(e, org),
      people: org.people,
      today: '2026-06-15',
      fromStep: 3,
    });
    expect(after.map((a) => [a.kind, a.key])).toEqual([['raise', 'ev1|south-amber|3']]);
  });

  it('the defaults send the standard message of each rule event to owner and manager, keyed like before', async () => {
    const e = event({
      trigger: 'key-client-gap',
      subject: { accountId: 'acc' },
      params: { daysSinceContact: 95 },
      dedupKey: 'key-client-gap|||acc|',
    });
    const [plan, ...more] = await planEvent(defaultAutomations(), e, org, '2026-06-01');
    expect(more).toEqual([]);
    expect(plan?.actions).toEqual([
      expect.objectContaining({
        kind: 'notify',
        recipientIds: ['rep', 'm-south'],
        inApp: true,
        channelId: null,
        message: { kind: 'rule.key-client-gap', params: { daysSinceContact: 95 } },
        dedupKey: 'rule:key-client-gap|||acc|',
      }),
    ]);
  });
});
