import type { Id } from '../../../plugin/domain/types.ts';
import type { BoardIntent } from '../../../widgets/AlignmentBoard/board-model.ts';

/** Why a write of the board was refused, as the user is told: each maps to a `live.*` text. */
export type WriteFailure = 'stale' | 'gone' | 'locked' | 'denied' | 'failed';

/** One entry of NocoBase's `{ errors: [...] }` body as the pack's actions fill it. */
export interface ActionError {
  message?: string;
  code?: string;
  /** The stored row of a 409 `stale-version` (pack commands put it here, older actions under `detail`). */
  current?: { version?: number };
  detail?: { ok?: false; reason?: string; current?: { version?: number } };
}

/** What a NocoBase API error carries (axios error with the `{ errors: [...] }` body). */
interface HttpError {
  response?: { status?: number; data?: { errors?: ActionError[] } };
  message?: string;
}

const asHttpError = (error: unknown) =>
  (typeof error === 'object' && error !== null ? error : {}) as HttpError;

/** The row version a stale-version refusal (409) reports as current; undefined for any other error. */
export function currentVersionOf(error: unknown): number | undefined {
  const e = asHttpError(error);
  const first = e.response?.data?.errors?.[0];
  const version = (first?.current ?? first?.detail?.current)?.version;
  return e.response?.status === 409 && typeof version === 'number' ? version : undefined;
}

/** The failure kind of a refused write and the server's words; stale and gone mean the board is behind. */
export function writeFailureOf(error: unknown): { kind: WriteFailure; message: string } {
  const e = asHttpError(error);
  const status = e.response?.status;
  const first = e.response?.data?.errors?.[0];
  const message = first?.message ?? e.message ?? String(error);
  if (status === 409 && first?.code === 'cycle-locked') return { kind: 'locked', message };
  if (status === 409 && (first?.code === 'stale-version' || first?.detail?.reason === 'stale'))
    return { kind: 'stale', message };
  if (status === 409 || status === 404) return { kind: 'gone', message };
  if (status === 401 || status === 403) return { kind: 'denied', message };
  return { kind: 'failed', message };
}

export interface IntentOps {
  link(krId: Id, objectiveId: Id, weight: number): Promise<void>;
  unlink(krId: Id, objectiveId: Id): Promise<void>;
}

/**
 * Runs the intents of one drop in order (a move is unlink, then link) and stops at the first refusal:
 * a move whose unlink was refused must not leave the KR linked twice.
 */
export async function runIntents(intents: readonly BoardIntent[], ops: IntentOps): Promise<void> {
  for (const intent of intents) {
    if (intent.type === 'link') await ops.link(intent.krId, intent.objectiveId, intent.weight);
    else await ops.unlink(intent.krId, intent.objectiveId);
  }
}

/**
 * Collects the intents the board emits in one go (its `onUnlink` then `onLink` for a move) into one
 * batch, handed to `run` in a microtask, so they run in order as one drop.
 */
export function intentBatcher(run: (intents: BoardIntent[]) => void): (intent: BoardIntent) => void {
  let pending: BoardIntent[] = [];
  return (intent) => {
    pending.push(intent);
    if (pending.length > 1) return;
    queueMicrotask(() => {
      const batch = pending;
      pending = [];
      run(batch);
    });
  };
}
