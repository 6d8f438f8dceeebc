import type { Settings } from '../domain/settings.ts';
import type { AccountSubject, KrSubject, OrgFacts, PoolSubject } from './build-facts.ts';
import type { FactSet } from './fact-catalogue.ts';
import type { EventSubject, RuleEvent, RuleSet } from './rule-types.ts';

/**
 * Appends to `events` what the `kr` rules, then the `month` rules per month, decide for one key result.
 * The events of one subject (the KR, or one of its months) share one subject object, written as a
 * literal: a spread plus a key costs several times the memory, and an organisation keeps hundreds of
 * thousands of them. Subjects are never changed after the run.
 */
export function runKrRules(
  { kr, fact, months }: KrSubject,
  settings: Settings,
  rules: RuleSet,
  events: RuleEvent[],
): void {
  const { kr: krRules, month: monthRules } = rules.bySubject;
  const facts: FactSet = { settings, kr: fact, month: undefined };
  const krId = kr.id;
  const personId = kr.ownerType === 'person' ? kr.ownerId : undefined;
  let subject: EventSubject | undefined;
  for (const rule of krRules) {
    if (!rule.test(facts)) continue;
    subject ??= personId === undefined ? { krId } : { krId, personId };
    events.push({ type: rule.eventType, subject, params: rule.params(facts) });
  }
  if (monthRules.length === 0) return;
  for (const month of months) {
    facts.month = month;
    let monthSubject: EventSubject | undefined;
    for (const rule of monthRules) {
      if (!rule.test(facts)) continue;
      monthSubject ??=
        personId === undefined ? { krId, month: month.month } : { krId, personId, month: month.month };
      events.push({ type: rule.eventType, subject: monthSubject, params: rule.params(facts) });
    }
  }
}

/** Appends to `events` what the `account` rules decide for one key account. */
export function runAccountRules(
  { fact }: AccountSubject,
  settings: Settings,
  rules: RuleSet,
  events: RuleEvent[],
): void {
  const facts: FactSet = { settings, account: fact };
  for (const rule of rules.bySubject.account) {
    if (!rule.test(facts)) continue;
    const subject = { accountId: fact.id, personId: fact.ownerId };
    events.push({ type: rule.eventType, subject, params: rule.params(facts) });
  }
}

/** Appends to `events` what the `pool` rules decide for one pool run. */
export function runPoolRules(
  pool: Pick<PoolSubject, 'fact'>,
  settings: Settings,
  rules: RuleSet,
  events: RuleEvent[],
): void {
  const facts: FactSet = { settings, pool: pool.fact };
  for (const rule of rules.bySubject.pool) {
    if (!rule.test(facts)) continue;
    events.push({
      type: rule.eventType,
      subject: { quarter: pool.fact.quarter },
      params: rule.params(facts),
    });
  }
}

/**
 * Runs the compiled rules over every subject: per key result its `kr` rules then its months'
 * rules, then key accounts, then the pool. Events of one subject follow rule priority.
 */
export function runRules(org: OrgFacts, settings: Settings, rules: RuleSet): RuleEvent[] {
  const events: RuleEvent[] = [];
  for (const subject of org.krs) runKrRules(subject, settings, rules, events);
  for (const account of org.accounts) runAccountRules(account, settings, rules, events);
  if (org.pool !== null) runPoolRules(org.pool, settings, rules, events);
  return events;
}
