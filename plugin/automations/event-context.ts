import type { Snapshot } from '../domain/types.ts';
import type { AutomationEvent, EventContext } from './types.ts';

/** The parts of the organisation an event's facts and people come from. */
export type OrgView = Pick<Snapshot, 'people' | 'regions' | 'keyResults' | 'keyAccounts' | 'escalations'>;

// Words of the colour placeholder in the product's default language; the rest are names from the data.
const COLOUR_WORDS: Record<string, string> = { green: '绿灯', amber: '黄灯', red: '红灯' };
const TRIGGER_COLOUR: Record<string, string> = { 'calibration-amber': 'amber', 'calibration-red': 'red' };

const numberOf = (...values: unknown[]) => values.find((v) => typeof v === 'number') as number | undefined;

/**
 * Facts, placeholder words and the people concerned of one event. "Owner" is the KR's owner (for
 * a region's KR, the region's managers), the person or the key account's owner; "manager" is each
 * owner's manager: together exactly whom the product notified before automations existed.
 */
export function eventContext(event: AutomationEvent, org: OrgView): EventContext {
  const people = new Map(org.people.map((p) => [p.id, p]));
  const regionHeads = (regionId: string | null | undefined) =>
    org.people.filter((p) => p.role === 'manager' && p.regionId === regionId).map((p) => p.id);
  const owners: string[] = [];
  const managers: string[] = [];
  let region: string | null = null;
  let role: string | undefined;
  let ownerName: string | undefined;
  const addPerson = (id: string) => {
    const p = people.get(id);
    if (!p) return;
    owners.push(p.id);
    if (p.managerId && people.has(p.managerId)) managers.push(p.managerId);
    region ??= p.regionId;
    role ??= p.role;
    ownerName ??= p.name;
  };
  const { subject, params } = event;
  const escalation = subject.escalationId
    ? org.escalations.find((e) => e.id === subject.escalationId)
    : undefined;
  const krId = subject.krId ?? escalation?.krId;
  const kr = krId ? org.keyResults.find((k) => k.id === krId) : undefined;
  if (kr?.ownerType === 'person') addPerson(kr.ownerId);
  else if (kr) {
    region = kr.ownerId;
    owners.push(...regionHeads(kr.ownerId));
    ownerName = org.regions.find((r) => r.id === kr.ownerId)?.name;
  }
  if (subject.personId) addPerson(subject.personId);
  if (subject.accountId) {
    const account = org.keyAccounts.find((a) => a.id === subject.accountId);
    if (account) addPerson(account.ownerId);
  }
  const colour =
    typeof params.colour === 'string' ? params.colour : (TRIGGER_COLOUR[event.trigger] ?? undefined);
  const streak = colour === 'red' ? numberOf(params.redStreak) : numberOf(params.amberStreak);
  const days = numberOf(params.daysSinceContact, params.daysSinceUpdate, params.days);
  const amount = numberOf(params.amount, params.value);
  const openEscalation =
    escalation ?? (kr ? org.escalations.find((e) => e.krId === kr.id && e.resolvedAt === null) : undefined);
  const facts: EventContext['facts'] = {};
  if (region !== null) facts.region = region;
  if (role !== undefined) facts.role = role;
  if (colour !== undefined) facts.colour = colour;
  if (streak !== undefined) facts.streak = streak;
  if (days !== undefined) facts.days = Math.floor(days);
  if (amount !== undefined) facts.amount = amount;
  const words: EventContext['words'] = {
    owner: ownerName,
    kr: kr?.title,
    region: org.regions.find((r) => r.id === region)?.name,
    month: subject.month ?? escalation?.month,
    streak: streak === undefined ? undefined : String(streak),
    days: facts.days === undefined ? undefined : String(facts.days),
    colour: colour === undefined ? undefined : COLOUR_WORDS[colour],
  };
  return {
    facts,
    words,
    ownerIds: [...new Set(owners)],
    managerIds: [...new Set(managers)],
    regionHeadIds: regionHeads(region),
    escalationId: openEscalation?.id ?? null,
  };
}
