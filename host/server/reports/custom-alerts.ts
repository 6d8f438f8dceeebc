import type { Snapshot } from '../../../plugin/domain/types.ts';
import {
  type CustomRuleDocument,
  customEventTypes,
  type LocalisedTitle,
} from '../../../plugin/engine/custom-rules.ts';
import { compareRuleEvents } from '../../../plugin/engine/custom-rules-preview.ts';
import type { RuleEvent } from '../../../plugin/engine/rule-types.ts';

/** One event of a published custom rule in the report's month, in words. */
export interface CustomAlertRow {
  regionId: string | null;
  rule: LocalisedTitle;
  person: string;
  /** The KR's title, else the key account's name. */
  about: string;
  month: string;
}

/**
 * The custom rules' events of `month` (and those of no month), with names; undefined when no custom
 * rule is published, so a report made without them has no such part.
 */
export function customAlertRows(
  snapshot: Snapshot,
  document: CustomRuleDocument,
  events: readonly RuleEvent[],
  month: string,
  at: string,
): CustomAlertRow[] | undefined {
  if (document.rules.length === 0) return undefined;
  const titles = new Map(customEventTypes(document).map((e) => [e.type, e.title]));
  const mine = events.filter(
    (e) => titles.has(e.type) && (e.subject.month === undefined || e.subject.month === month),
  );
  const people = new Map(snapshot.people.map((p) => [p.id, p.name]));
  const krOwner = new Map(
    snapshot.keyResults.filter((k) => k.ownerType === 'person').map((k) => [k.id, people.get(k.ownerId)]),
  );
  return compareRuleEvents(snapshot, [], mine, at).regions.flatMap((r) =>
    r.added.map((e) => ({
      regionId: r.regionId,
      rule: titles.get(e.type)!,
      person: e.personName ?? (e.krId ? krOwner.get(e.krId) : undefined) ?? '',
      about: e.krTitle ?? e.accountName ?? '',
      month: e.month ?? month,
    })),
  );
}
