const SECRET = /secret|password|token|webhook|url$/i;

/** A copy of an audit value with secrets (passwords, tokens, webhook addresses) replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET.test(k) && v != null ? '[redacted]' : redact(v)]),
  );
}
