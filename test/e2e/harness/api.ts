import type { APIRequestContext, Page } from 'playwright-core';

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls the API from inside the page, exactly as the signed-in browser would (its cookie, its
 * origin), so a 403 here is what a curious user typing in the console gets.
 */
export async function fetchInPage<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiReply<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as T };
    },
    { method, path, body },
  );
}

/** A JSON call through a context's request API (shares the context's cookies); fails on a non-2xx reply. */
export async function api<T = unknown>(
  request: APIRequestContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await request.fetch(path, { method, data: data === undefined ? undefined : data });
  const text = await res.text();
  if (!res.ok()) throw new Error(`e2e: ${method} ${path} answered ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
