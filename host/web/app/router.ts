import { useSyncExternalStore } from 'react';

/** A tiny history router: the shell has a handful of flat routes, so no router package is needed. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () =>
  typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search}`;

export function parseRoute(href: string): Route {
  const url = new URL(href, 'http://shell.local');
  return { path: url.pathname.replace(/\/+$/, '') || '/', query: url.searchParams };
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  return parseRoute(href);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** `/kickoff/2026-H1` against `/kickoff/:cycleId` → `{ cycleId: '2026-H1' }`, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i += 1) {
    const part = p[i] as string;
    const seg = s[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}
