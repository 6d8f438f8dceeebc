import type { KeyResult, Objective } from '../../domain/types.ts';
import { conflict } from '../errors.ts';

/** Refuses a write to an archived key result: it stays as history and no longer changes. */
export function liveKeyResult(kr: Pick<KeyResult, 'id' | 'title' | 'archivedAt'>, what: string): void {
  if (kr.archivedAt)
    throw conflict(
      'archived',
      `${what}: key result ${kr.id} was archived at ${kr.archivedAt}; it no longer changes`,
      {
        params: { what: 'key-result', title: kr.title },
      },
    );
}

/** Refuses a write to an archived objective. */
export function liveObjective(o: Pick<Objective, 'id' | 'title' | 'archivedAt'>, what: string): void {
  if (o.archivedAt)
    throw conflict(
      'archived',
      `${what}: objective ${o.id} was archived at ${o.archivedAt}; it no longer changes`,
      {
        params: { what: 'objective', title: o.title },
      },
    );
}
