import type { Settings } from '../domain/settings.ts';
import type { OrgFacts } from './build-facts.ts';
import type { FactSet } from './fact-catalogue.ts';
import type { EventSubject, RuleEvent, RuleSet } from './rule-types.ts';

/**
 * Runs the compiled rules over every subject: per key result its `kr` rules then its months'
 * rules, then key accounts, then the pool. Events of one subject follow rule priority.
 */
export function runRules(org: OrgFacts, settings: Settings, rules: RuleSet): RuleEvent[] {
  const events: RuleEvent[] = [];
  const { kr: krRules, month: monthRules, account: accountRules, pool: poolRules } = rules.bySubject;
  for (const { kr, fact, months } of org.krs) {
    const facts: FactSet = { settings, kr: fact };
    const personId = kr.ownerType === 'person' ? kr.ownerId : undefined;
    const subject: EventSubject = personId === undefined ? { krId: kr.id } : { krId: kr.id, personId };
    for (const rule of krRules) {
      if (rule.test(facts))
        events.push({ type: rule.eventType, subject: { ...subject }, params: rule.params(facts) });
    }
    for (const month of months) {
      facts.month = month;
      for (const rule of monthRules) {
        if (!rule.test(facts)) continue;
        const monthSubject = { ...subject, month: month.month };
        events.push({ type: rule.eventType, subject: monthSubject, params: rule.params(facts) });
      }
    }
  }
  for (const { fact } of org.accounts) {
    const facts: FactSet = { settings, account: fact };
    for (const rule of accountRules) {
      if (!rule.test(facts)) continue;
      const subject = { accountId: fact.id, personId: fact.ownerId };
      events.push({ type: rule.eventType, subject, params: rule.params(facts) });
    }
  }
  if (org.pool !== null) {
    const facts: FactSet = { settings, pool: org.pool.fact };
    for (const rule of poolRules) {
      if (!rule.test(facts)) continue;
      events.push({
        type: rule.eventType,
        subject: { quarter: org.pool.fact.quarter },
        params: rule.params(facts),
      });
    }
  }
  return events;
}
