import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Who may frame the product: CSP frame-ancestors sources, `'none'` unless OKR_FRAME_ANCESTORS says otherwise. */
export function frameAncestorsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const value = env.OKR_FRAME_ANCESTORS?.trim();
  if (!value) return ["'none'"];
  const sources = value.split(/[\s,]+/).filter((s) => s !== '');
  for (const source of sources) {
    if (!/^('none'|'self'|https?:\/\/[a-z0-9.*:[\]-]+)$/i.test(source)) {
      throw new Error(
        `server: OKR_FRAME_ANCESTORS entry "${source}" is not allowed; use 'none', 'self' or origins like https://portal.example.com, separated by spaces`,
      );
    }
  }
  return sources;
}

/**
 * Ajv compiles JSON Schemas into functions (new Function) in the browser: the form runtime validates
 * forms whose schema HR extends at run time (overlays), so they cannot all be compiled at build time.
 * Until the shell validates with a non-compiling validator, scripts may eval; they still load only
 * from the server and never inline, which is what keeps injected markup from running.
 */
const SCRIPT_EVAL = ["'unsafe-eval'"];

// A Host header is client input: only a plain host[:port] goes into the policy.
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const MAX_HOSTS = 64;

/**
 * Scripts only from the server (the shell has no inline script), styles also inline (antd's cssinjs
 * writes <style> tags at run time), images also as data: URLs (the kickoff QR code), connections to
 * the server and its WebSocket (none named when the Host is not a plain host[:port]).
 */
function directivesFor(host: string, frameAncestors: string[]) {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'", ...SCRIPT_EVAL],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", host ? `ws://${host} wss://${host}` : ''],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors,
  };
}

/** Helmet's headers, with the CSP the built web shell runs under (`directivesFor`). */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { frameAncestors: string[] },
): Promise<void> {
  const framing = options.frameAncestors;
  // The policy names the server's own WebSocket, so it depends on the Host; helmet rebuilds a policy
  // with a function in it on every request (~4% of a cached read's CPU), so one policy is built per
  // host instead. Fastify's req.host follows X-Forwarded-Host only under TRUST_PROXY.
  const policies = new Map<string, ReturnType<typeof helmet.contentSecurityPolicy>>();
  const policyFor = (host: string) => {
    let policy = policies.get(host);
    if (!policy) {
      policy = helmet.contentSecurityPolicy({ useDefaults: false, directives: directivesFor(host, framing) });
      // A Host header is client input: a flood of made-up ones cannot grow this without bound.
      if (policies.size >= MAX_HOSTS) policies.clear();
      policies.set(host, policy);
    }
    return policy;
  };
  app.addHook('onRequest', (req, reply, done) => {
    // A CSP governs documents (and workers, which the shell has none of): the hashed scripts and
    // styles do not need one, and a board view fetches some fifty of them.
    if (req.url.startsWith('/assets/')) return done();
    policyFor(HOST.test(req.host) ? req.host : '')(req.raw, reply.raw, done);
  });
  await app.register(helmet, {
    contentSecurityPolicy: false,
    // Old browsers without frame-ancestors: X-Frame-Options can say only DENY or SAMEORIGIN.
    xFrameOptions: framing.includes("'none'")
      ? { action: 'deny' }
      : framing.length === 1 && framing[0] === "'self'"
        ? { action: 'sameorigin' }
        : false,
    // Not no-referrer: with it, browsers send `Origin: null` on the shell's own POSTs (Fetch spec),
    // which the origin check must refuse.
    referrerPolicy: { policy: 'same-origin' },
  });
}
