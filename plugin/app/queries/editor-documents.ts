import { currentAutomationsOf } from '../../automations/commands.ts';
import { automationVersionsWithDiff } from '../../automations/versions.ts';
import { customEventTypes } from '../../engine/custom-rules.ts';
import { ruleVersionsWithDiff } from '../../engine/custom-rules-versions.ts';
import { defaultRuleSet } from '../../engine/default-rules.ts';
import { defineCommand } from '../command.ts';
import { currentRulesOf } from '../commands/custom-rules.ts';
import { noInput } from '../input.ts';

// What HR's automation editor and the admin's rule editor read, for hosts that route by action name (NocoBase).

export const currentAutomations = defineCommand({
  name: 'automation.current',
  summary: 'The automations in effect: their version and document (version 0: the shipped defaults)',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    const { version, document } = await currentAutomationsOf(ctx.tx);
    return { version, document };
  },
});

export const automationVersions = defineCommand({
  name: 'automation.versions',
  summary: 'Every automations version with what it changed against the one before',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    return automationVersionsWithDiff(await ctx.tx.find('automationVersions'));
  },
});

export const currentCustomRules = defineCommand({
  name: 'rules.current',
  summary: "The custom rules in effect, the events they raise and the pack's built-in rules",
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'customRules' }, 'custom rules');
    const current = await currentRulesOf(ctx.tx);
    return {
      current,
      eventTypes: customEventTypes(current.document),
      builtIn: defaultRuleSet().rules.map((r) => ({
        name: r.name,
        file: r.file,
        level: r.subject,
        eventType: r.eventType,
        description: r.definition.description ?? null,
      })),
    };
  },
});

export const customRuleVersions = defineCommand({
  name: 'rules.versions',
  summary: 'Every custom rules version with what it changed against the one before',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'customRules' }, 'custom rules');
    return ruleVersionsWithDiff(await ctx.tx.find('ruleVersions'));
  },
});
