/** What went wrong with a form submit, in terms the form can explain to the user. */
export type SubmitProblem =
  | { kind: 'forbidden'; message: string }
  | { kind: 'stale'; version: number | null; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

interface ErrorBody {
  errors?: {
    message?: string;
    current?: { version?: number };
    detail?: { reason?: string; current?: { version?: number } };
  }[];
}

/**
 * Classifies an error thrown by NocoBase's API client (axios: `response.status`, `response.data`)
 * for a pack action: 403 not allowed, 409 someone saved first (with the version now current),
 * 400/404 refused input, anything else a failure.
 */
export function submitProblem(error: unknown): SubmitProblem {
  const response = (error as { response?: { status?: number; data?: ErrorBody } } | null)?.response;
  const first = response?.data?.errors?.[0];
  const message =
    first?.message ?? (error instanceof Error ? error.message : String(error ?? 'unknown error'));
  switch (response?.status) {
    case 403:
      return { kind: 'forbidden', message };
    case 409:
      return { kind: 'stale', version: (first?.current ?? first?.detail?.current)?.version ?? null, message };
    case 400:
    case 404:
      return { kind: 'invalid', message };
    default:
      return { kind: 'failed', message };
  }
}
