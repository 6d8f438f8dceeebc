import { matchPath, type Route } from '../../app/router.ts';

/** The KR a route opens: `/kr/<id>`, or `?kr=<id>` on any page (the board, calibration…). */
export const krOfRoute = (route: Route): string | null =>
  matchPath('/kr/:krId', route.path)?.krId ?? route.query.get('kr');

/** The escalation a route opens: `?escalation=<id>` on any page. */
export const escalationOfRoute = (route: Route): string | null => route.query.get('escalation');

/** `route` with `name` set to `value` (or removed with null), as an href. */
export function withParam(route: Route, name: string, value: string | null): string {
  const query = new URLSearchParams(route.query);
  if (value === null) query.delete(name);
  else query.set(name, value);
  // `/kr/<id>` stands for the calibration page with the KR open.
  const path = matchPath('/kr/:krId', route.path) ? '/calibration' : route.path;
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export const krLink = (krId: string) => `/kr/${encodeURIComponent(krId)}`;
export const escalationLink = (escalationId: string) =>
  `/calibration?escalation=${encodeURIComponent(escalationId)}`;
