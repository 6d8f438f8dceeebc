import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.ts';
import type { OriginPolicy } from './origin-policy.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Refuses state-changing requests a browser sent from another site (CSRF): before the body is read
 * and before the session is looked at, so a foreign page can neither write nor probe who is signed in.
 */
export function registerOriginCheck(app: FastifyInstance, policy: OriginPolicy): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method)) return;
    const origin = header(req, 'origin');
    const fetchSite = header(req, 'sec-fetch-site');
    if (policy.allowed(origin, fetchSite, req.host)) return;
    const own = `${req.protocol}://${req.host}`;
    const allowed = [own, ...policy.extraOrigins].join(', ');
    const from = origin ? `origin ${origin}` : `a ${fetchSite} page (Sec-Fetch-Site)`;
    throw new HttpError(
      403,
      'cross-origin',
      `server: ${req.method} ${req.url} from ${from} refused; changes are accepted only from ${allowed} (add more origins with OKR_ALLOWED_ORIGINS)`,
      { params: { origin: origin ?? fetchSite ?? '', allowed } },
    );
  });
}
