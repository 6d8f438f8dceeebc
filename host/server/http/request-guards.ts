import type { FastifyInstance } from 'fastify';
import { acceptJsonOnly } from './content-types.ts';
import { registerOriginCheck } from './origin-check.ts';
import type { OriginPolicy } from './origin-policy.ts';
import { registerSecureCookies } from './secure-cookies.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export interface RequestGuardOptions {
  origins: OriginPolicy;
  /** CSP frame-ancestors sources (default `'none'`). */
  frameAncestors: string[];
}

/**
 * What a browser on another site must not get through: its writes (origin check, JSON only), the
 * session cookie over plain http once TLS is in use, and framing or injected scripts (CSP and the
 * other helmet headers). Registered after @fastify/cookie and before the session lookup.
 */
export async function registerRequestGuards(
  app: FastifyInstance,
  options: RequestGuardOptions,
): Promise<void> {
  // Headers first: their hooks then also run on the refusals below.
  await registerSecurityHeaders(app, { frameAncestors: options.frameAncestors });
  registerOriginCheck(app, options.origins);
  acceptJsonOnly(app);
  registerSecureCookies(app);
}
