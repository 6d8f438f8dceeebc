import { COLLECTIONS } from './collections.ts';

/**
 * Raw access to the pack's `okr_*` collections through NocoBase's generic API (`okr_people:list`,
 * `okr_key_results:update`, `charts:query` on them…). Writes go through the pack's actions only
 * (`okrAlign:*`: pack policy, row versions, audit), so a raw write is refused for every role but
 * NocoBase's `root` and `admin`. Reads are refused too, except on the collections below, where
 * NocoBase's own ACL then decides: closed until an administrator grants the role `view` on one.
 * Reviews (reviewer ids), pool runs, statements, audit, settings history, rule events, notifications,
 * escalations, activities and accounts are never readable raw.
 */
export const GRANTABLE_READ: ReadonlySet<string> = new Set([
  COLLECTIONS.cycles,
  COLLECTIONS.regions,
  COLLECTIONS.people,
  COLLECTIONS.objectives,
  COLLECTIONS.keyResults,
  COLLECTIONS.links,
  COLLECTIONS.checkIns,
]);

/** NocoBase roles that keep raw access: they are the pack's admins (see `ROLE_MAP`). */
export const RAW_ROLES: ReadonlySet<string> = new Set(['root', 'admin']);

/** Actions that only read. Everything else on an `okr_*` resource counts as a write. */
const READS = new Set(['list', 'get', 'query']);

const PACK_PREFIX = 'okr_';

/** The collection a resource name reaches: `okr_people`, `okr_people.x` and `okr_people/1/x` are all `okr_people`. */
const collectionOf = (resource: string): string => resource.split(/[./]/)[0] ?? resource;

/**
 * What the guard does with a request: `pass` to NocoBase's ACL, or `deny` (403). Pure, so it is
 * tested without NocoBase.
 *
 * @param resources - the raw and resolved resource names of the request (and, for `charts:query`, the queried collection)
 * @param action - the action name
 * @param roles - the roles of the request (`currentRoles`, or the current role)
 */
export function rawAccess(
  resources: readonly string[],
  action: string,
  roles: readonly string[],
): 'pass' | 'deny' {
  const ours = resources.map(collectionOf).filter((c) => c.startsWith(PACK_PREFIX));
  if (ours.length === 0) return 'pass';
  if (roles.some((r) => RAW_ROLES.has(r))) return 'pass';
  if (!READS.has(action)) return 'deny';
  return ours.every((c) => GRANTABLE_READ.has(c)) ? 'pass' : 'deny';
}

/** The slice of a NocoBase request context the guard reads. */
export interface GuardContext {
  action: { resourceName: string; actionName: string; params: { values?: unknown } };
  permission?: { resourceName?: string };
  state: { currentRole?: string; currentRoles?: string[] };
  throw(status: number, message: string): never;
}

/**
 * A NocoBase ACL middleware (`app.acl.use(…, { before: 'core' })`) applying `rawAccess`. It runs
 * for every resource action of the main data source, after the allow list and before NocoBase's
 * role checks, so it only ever narrows what a role was granted.
 */
export async function rawCollectionGuard(ctx: GuardContext, next: () => Promise<void>): Promise<void> {
  const { resourceName, actionName } = ctx.action;
  const resources = [resourceName, ctx.permission?.resourceName ?? resourceName];
  if (resourceName === 'charts' && actionName === 'query') {
    const values = ctx.action.params.values as { collection?: unknown } | undefined;
    if (typeof values?.collection === 'string') resources.push(values.collection);
  }
  const roles = ctx.state.currentRoles?.length
    ? ctx.state.currentRoles
    : [ctx.state.currentRole ?? 'anonymous'];
  if (rawAccess(resources, actionName, roles) === 'deny') {
    ctx.throw(403, 'No permissions: okr_* collections are read and written through okrAlign actions');
  }
  await next();
}
