/**
 * Which origins may send state-changing requests (and open WebSockets): the product's own host plus
 * `OKR_ALLOWED_ORIGINS`. Shared by the HTTP hook (origin-check.ts) and the WebSocket upgrade check.
 */
export interface OriginPolicy {
  /**
   * `origin`: the Origin header; `secFetchSite`: the Sec-Fetch-Site header; `host`: the host the client
   * addressed (Fastify's `req.host`, which follows X-Forwarded-Host only when TRUST_PROXY is set).
   * Without Origin and Sec-Fetch-Site (curl, server-to-server, fastify.inject) the request is allowed:
   * browsers always send one of them on a cross-site request.
   */
  allowed(origin: string | undefined, secFetchSite: string | undefined, host: string | undefined): boolean;
  /** The configured extra origins, normalised (for error messages). */
  readonly extraOrigins: readonly string[];
}

/** `scheme://host[:port]` lower-cased with the default port dropped, or undefined when not an origin. */
export function normalOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * `host[:port]` as a URL would spell it (lower case), without :80 or :443: the Host header does not
 * say the scheme, and a proxy may spell out the default port the browser left out of the Origin.
 */
function normalHost(host: string): string | undefined {
  try {
    return new URL(`http://${host.trim()}`).host.replace(/:(80|443)$/, '');
  } catch {
    return undefined;
  }
}

/** True when the URL names only scheme, host and port (no path, query, fragment or credentials). */
function isBareOrigin(value: string): boolean {
  const url = new URL(value);
  return (
    url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === ''
  );
}

/** Parses OKR_ALLOWED_ORIGINS; a value that is not an http(s) origin stops the server at start. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const origin = normalOrigin(part);
      if (origin === undefined || !isBareOrigin(part)) {
        throw new Error(
          `server: OKR_ALLOWED_ORIGINS entry "${part}" is not an origin; use scheme://host[:port], e.g. https://okr.example.com, separated by commas`,
        );
      }
      return origin;
    });
}

export function originPolicy(extraOrigins: readonly string[]): OriginPolicy {
  const extra = new Set(extraOrigins);
  return {
    extraOrigins,
    allowed(origin, secFetchSite, host) {
      if (origin === undefined || origin === '') {
        return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
      }
      // A same-origin request whose referrer policy hides the origin says `Origin: null`; the browser
      // sets Sec-Fetch-Site itself, so a page cannot fake that pair.
      if (origin === 'null' && secFetchSite === 'same-origin') return true;
      // Any other "null" (sandboxed frames, file://, redirects) or unparsable value is nobody's origin.
      const normal = normalOrigin(origin);
      if (normal === undefined) return false;
      if (extra.has(normal)) return true;
      if (host === undefined || host === '') return false;
      return normalHost(new URL(normal).host) === normalHost(host);
    },
  };
}

export function originPolicyFromEnv(env: NodeJS.ProcessEnv): OriginPolicy {
  return originPolicy(parseAllowedOrigins(env.OKR_ALLOWED_ORIGINS));
}
