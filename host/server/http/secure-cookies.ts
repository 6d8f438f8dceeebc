import type { FastifyInstance } from 'fastify';

const withSecure = (cookie: string) => (/;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);

/**
 * Marks every cookie `Secure` when the request came over TLS: a direct TLS socket, or X-Forwarded-Proto
 * https from a trusted proxy (TRUST_PROXY), both of which Fastify's `req.protocol` reports. Over plain
 * http (the local demo) a Secure cookie would never come back, so it stays as the route set it.
 */
export function registerSecureCookies(app: FastifyInstance): void {
  // Registered after @fastify/cookie, so its onSend hook has written Set-Cookie by now.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.protocol !== 'https') return payload;
    const cookies = reply.getHeader('set-cookie');
    if (cookies === undefined) return payload;
    const list = (Array.isArray(cookies) ? cookies : [String(cookies)]).map(withSecure);
    reply.removeHeader('set-cookie');
    reply.header('set-cookie', list);
    return payload;
  });
}
