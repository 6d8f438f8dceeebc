import type { Db } from '../storage/queries.ts';

/** The fields of an audit row that name who did it and to what. */
export interface AuditRowRef {
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
}

/** Who did it, in words: a person, the system (rules, schedules) or the demo seed. */
export type AuditActor =
  | { kind: 'person'; name: string }
  | { kind: 'system' }
  | { kind: 'demo' }
  | { kind: 'unknown'; id: string };

export interface AuditNames {
  actor: AuditActor;
  /** The subject in words (a KR's title, a person's name, "KR → O"…); null when it has no name. */
  subjectName: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deleted subject keeps its name in the row it was deleted with. */
const nameInRow = (row: AuditRowRef): string | null => {
  for (const side of [row.after, row.before]) {
    if (!isRecord(side)) continue;
    for (const key of ['title', 'name'])
      if (typeof side[key] === 'string' && side[key] !== '') return side[key] as string;
  }
  return null;
};

/** A board is `cycle:<cycle id>`. */
const boardCycle = (id: string) => (id.startsWith('cycle:') ? id.slice('cycle:'.length) : id);

/** `a:b` ids (links, activities) split at the last colon: ids never hold one, months never do. */
const pair = (id: string): [string, string] => {
  const at = id.lastIndexOf(':');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
};

async function mapOf<T extends string>(
  ids: Set<string>,
  load: (ids: string[]) => Promise<{ id: string; [k: string]: unknown }[]>,
  field: T,
): Promise<Map<string, string>> {
  if (ids.size === 0) return new Map();
  const rows = await load([...ids]);
  return new Map(rows.map((r) => [r.id, String(r[field] ?? '')]));
}

/**
 * Names of the actors and subjects of audit rows, looked up in a few queries for the whole page.
 * `demoSeeded`: rows written by the system in an install seeded with the demo are the demo's.
 */
export async function auditNames(db: Db, rows: AuditRowRef[], demoSeeded: boolean): Promise<AuditNames[]> {
  const people = new Set<string>();
  const krs = new Set<string>();
  const objectives = new Set<string>();
  const regions = new Set<string>();
  const cycles = new Set<string>();
  const accounts = new Set<string>();
  const escalations = new Set<string>();
  const checkIns = new Set<string>();
  const reviews = new Set<string>();
  const runs = new Set<string>();
  const users = new Set<string>();
  for (const r of rows) {
    if (r.actor_id && r.actor_id !== 'system') people.add(r.actor_id);
    const id = r.subject_id;
    switch (r.subject_type) {
      case 'person':
        people.add(id);
        break;
      case 'keyResult':
        krs.add(id);
        break;
      case 'objective':
        objectives.add(id);
        break;
      case 'region':
        regions.add(id);
        break;
      case 'cycle':
      case 'metricBaseline':
        cycles.add(id);
        break;
      case 'board':
        cycles.add(boardCycle(id));
        break;
      case 'user':
        users.add(id);
        break;
      case 'keyAccount':
        accounts.add(id);
        break;
      case 'escalation':
        escalations.add(id);
        break;
      case 'checkIn':
        checkIns.add(id);
        break;
      case 'peerReview':
        reviews.add(id);
        break;
      case 'poolRun':
        runs.add(id);
        break;
      case 'link': {
        const [kr, o] = pair(id);
        krs.add(kr);
        objectives.add(o);
        break;
      }
      case 'activity':
        people.add(pair(id)[0]);
        break;
    }
  }
  // Escalations, check-ins and reviews are named by their KR or person: load those first.
  const escalationRows = escalations.size
    ? await db
        .selectFrom('escalations')
        .select(['id', 'kr_id', 'month'])
        .where('id', 'in', [...escalations])
        .execute()
    : [];
  const checkInRows = checkIns.size
    ? await db
        .selectFrom('check_ins')
        .select(['id', 'kr_id', 'month'])
        .where('id', 'in', [...checkIns])
        .execute()
    : [];
  const reviewRows = reviews.size
    ? await db
        .selectFrom('peer_reviews')
        .select(['id', 'reviewee_id', 'quarter'])
        .where('id', 'in', [...reviews])
        .execute()
    : [];
  for (const e of [...escalationRows, ...checkInRows]) krs.add(e.kr_id);
  const userRows = users.size
    ? await db
        .selectFrom('users')
        .select(['id', 'person_id'])
        .where('id', 'in', [...users])
        .execute()
    : [];
  for (const p of reviewRows) people.add(p.reviewee_id);
  for (const u of userRows) people.add(u.person_id);

  const [personName, krTitle, oTitle, regionName, cycleName, accountName, runQuarter] = await Promise.all([
    mapOf(
      people,
      (ids) => db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute(),
      'name',
    ),
    mapOf(
      krs,
      (ids) => db.selectFrom('key_results').select(['id', 'title']).where('id', 'in', ids).execute(),
      'title',
    ),
    mapOf(
      objectives,
      (ids) => db.selectFrom('objectives').select(['id', 'title']).where('id', 'in', ids).execute(),
      'title',
    ),
    mapOf(
      regions,
      (ids) => db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute(),
      'name',
    ),
    mapOf(
      cycles,
      (ids) => db.selectFrom('cycles').select(['id', 'name']).where('id', 'in', ids).execute(),
      'name',
    ),
    mapOf(
      accounts,
      (ids) => db.selectFrom('key_accounts').select(['id', 'name']).where('id', 'in', ids).execute(),
      'name',
    ),
    mapOf(
      runs,
      (ids) => db.selectFrom('pool_runs').select(['id', 'quarter']).where('id', 'in', ids).execute(),
      'quarter',
    ),
  ]);
  const escalationOf = new Map(escalationRows.map((e) => [e.id, e]));
  const checkInOf = new Map(checkInRows.map((c) => [c.id, c]));
  const reviewOf = new Map(reviewRows.map((p) => [p.id, p]));
  const userPerson = new Map(userRows.map((u) => [u.id, u.person_id]));
  const withMonth = (name: string | undefined, month: string) => (name ? `${name} · ${month}` : null);

  const subjectName = (r: AuditRowRef): string | null => {
    const id = r.subject_id;
    switch (r.subject_type) {
      case 'person':
        return personName.get(id) ?? nameInRow(r);
      case 'keyResult':
        return krTitle.get(id) ?? nameInRow(r);
      case 'objective':
        return oTitle.get(id) ?? nameInRow(r);
      case 'region':
        return regionName.get(id) ?? nameInRow(r);
      case 'cycle':
      case 'metricBaseline':
        return cycleName.get(id) ?? nameInRow(r);
      case 'board':
        return cycleName.get(boardCycle(id)) ?? null;
      case 'user':
        return personName.get(userPerson.get(id) ?? '') ?? null;
      case 'keyAccount':
        return accountName.get(id) ?? nameInRow(r);
      case 'poolRun':
        return runQuarter.get(id) ?? null;
      case 'escalation': {
        const e = escalationOf.get(id);
        return e ? withMonth(krTitle.get(e.kr_id), e.month) : null;
      }
      case 'checkIn': {
        const c = checkInOf.get(id);
        return c ? withMonth(krTitle.get(c.kr_id), c.month) : null;
      }
      case 'peerReview': {
        const p = reviewOf.get(id);
        return p ? withMonth(personName.get(p.reviewee_id), p.quarter) : null;
      }
      case 'link': {
        const [kr, o] = pair(id);
        const k = krTitle.get(kr);
        const ob = oTitle.get(o);
        return k || ob ? `${k ?? kr} → ${ob ?? o}` : null;
      }
      case 'activity': {
        const [person, month] = pair(id);
        return withMonth(personName.get(person), month);
      }
      default:
        return nameInRow(r);
    }
  };

  const actorOf = (r: AuditRowRef): AuditActor => {
    if (r.actor_id === null || r.actor_id === 'system')
      return demoSeeded ? { kind: 'demo' } : { kind: 'system' };
    const name = personName.get(r.actor_id);
    return name ? { kind: 'person', name } : { kind: 'unknown', id: r.actor_id };
  };

  return rows.map((r) => ({ actor: actorOf(r), subjectName: subjectName(r) }));
}
