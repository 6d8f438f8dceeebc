/** The status and code of the refusal `fn` throws (a `refuse(...)` of adapters/nocobase/server/requests.ts), or null. */
export function refusal(fn: () => unknown): { status: number; code: string } | null {
  try {
    fn();
  } catch (error) {
    return { status: (error as { status: number }).status, code: (error as { code: string }).code };
  }
  return null;
}
