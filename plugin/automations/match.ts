import { Engine } from 'json-rules-engine';
import type { Automation, AutomationDocument, AutomationEvent, EventContext } from './types.ts';

const engines = new WeakMap<AutomationDocument, Map<string, Engine>>();

/** One engine per trigger of a document: each enabled automation with conditions is one rule. */
function engineFor(doc: AutomationDocument, trigger: string): Engine {
  let byTrigger = engines.get(doc);
  if (!byTrigger) {
    byTrigger = new Map();
    engines.set(doc, byTrigger);
  }
  let engine = byTrigger.get(trigger);
  if (!engine) {
    // A fact the event does not have (no region for a settings change) fails its test, not the run.
    engine = new Engine([], { allowUndefinedFacts: true });
    for (const a of doc.automations)
      if (a.enabled && a.trigger === trigger && a.conditions)
        engine.addRule({ name: a.id, conditions: a.conditions as never, event: { type: a.id } });
    byTrigger.set(trigger, engine);
  }
  return engine;
}

/** The enabled automations of `doc` that `event` sets off, in document order. */
export async function matchAutomations(
  doc: AutomationDocument,
  event: AutomationEvent,
  context: Pick<EventContext, 'facts'>,
): Promise<Automation[]> {
  const candidates = doc.automations.filter((a) => a.enabled && a.trigger === event.trigger);
  if (candidates.length === 0) return [];
  const conditional = candidates.filter((a) => a.conditions);
  const passed = new Set<string>();
  if (conditional.length > 0) {
    const { events } = await engineFor(doc, event.trigger).run({ ...context.facts });
    for (const e of events) passed.add(e.type);
  }
  return candidates.filter((a) => !a.conditions || passed.has(a.id));
}
