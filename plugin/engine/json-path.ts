const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Only `$.a.b` is accepted: json-rules-engine hands paths to JSONPath-Plus, whose filter and
 * script expressions would let an edited rule file run code.
 */
export function isPlainPath(path: string): boolean {
  return PLAIN_PATH.test(path) && pathSegments(path).every((segment) => !FORBIDDEN_SEGMENTS.has(segment));
}

/** `$.a.b` → `['a', 'b']`; call only on a plain path. */
export function pathSegments(path: string): string[] {
  return path.slice(2).split('.');
}

export function plainPathMessage(path: string): string {
  return `path "${path}" is not a plain property path like "$.a.b" (filters, scripts, wildcards, recursive descent and brackets are refused)`;
}
