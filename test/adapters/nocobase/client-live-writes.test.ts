import {
  currentVersionOf,
  intentBatcher,
  runIntents,
  writeFailureOf,
} from '../../../adapters/nocobase/client/board-writes.ts';
import type { BoardIntent } from '../../../widgets/AlignmentBoard/board-model.ts';
import { dropIntents } from '../../../widgets/AlignmentBoard/board-model.ts';
import { UNLINKED_ID } from '../../../widgets/test-ids.ts';
import { demoSnapshot } from './demo.ts';

const refusal = (status: number, error: Record<string, unknown>) => ({
  message: `Request failed with status code ${status}`,
  response: { status, data: { errors: [error] } },
});

describe('live alignment board: writes', () => {
  it('tells a stale row, a gone link, a locked cycle and a refusal apart', () => {
    const stale = refusal(409, {
      message: 'okr-align: link kr-1 → o-1: your version 1 is older than the stored version 2',
      code: 'stale-version',
      detail: { ok: false, reason: 'stale', current: { version: 2 } },
    });
    expect(writeFailureOf(stale).kind).toBe('stale');
    expect(currentVersionOf(stale)).toBe(2);
    expect(writeFailureOf(refusal(404, { message: 'no such link', code: 'not-found' })).kind).toBe('gone');
    expect(writeFailureOf(refusal(409, { message: 'removed', code: 'link-gone' })).kind).toBe('gone');
    expect(writeFailureOf(refusal(409, { message: 'locked', code: 'cycle-locked' })).kind).toBe('locked');
    expect(writeFailureOf(refusal(403, { message: 'no', code: 'forbidden' }))).toEqual({
      kind: 'denied',
      message: 'no',
    });
    expect(writeFailureOf(new Error('Network Error'))).toEqual({ kind: 'failed', message: 'Network Error' });
    expect(currentVersionOf(refusal(404, { detail: { current: { version: 2 } } }))).toBeUndefined();
  });

  it('runs a move as unlink then link and stops when the unlink is refused', async () => {
    const kr = demoSnapshot().keyResults.find((k) => k.links.length === 1)!;
    const from = kr.links[0]!.objectiveId;
    const to = demoSnapshot().objectives.find((o) => o.id !== from)!.id;
    const move = dropIntents(kr, from, to);
    const done: string[] = [];
    const ops = {
      link: async (krId: string, objectiveId: string) => void done.push(`link ${krId} ${objectiveId}`),
      unlink: async (krId: string, objectiveId: string) => void done.push(`unlink ${krId} ${objectiveId}`),
    };
    await runIntents(move, ops);
    expect(done).toEqual([`unlink ${kr.id} ${from}`, `link ${kr.id} ${to}`]);

    done.length = 0;
    const refused = {
      ...ops,
      unlink: async () => {
        throw refusal(409, { code: 'stale-version' });
      },
    };
    await expect(runIntents(move, refused)).rejects.toMatchObject({ response: { status: 409 } });
    expect(done).toEqual([]);
    expect(dropIntents(kr, from, UNLINKED_ID)).toEqual([{ type: 'unlink', krId: kr.id, objectiveId: from }]);
  });

  it('hands the intents the board emits in one go over as one batch', async () => {
    const batches: BoardIntent[][] = [];
    const emit = intentBatcher((intents) => batches.push(intents));
    emit({ type: 'unlink', krId: 'kr-1', objectiveId: 'o-1' });
    emit({ type: 'link', krId: 'kr-1', objectiveId: 'o-2', weight: 50 });
    await Promise.resolve();
    emit({ type: 'unlink', krId: 'kr-2', objectiveId: 'o-1' });
    await Promise.resolve();
    expect(batches.map((b) => b.map((i) => `${i.type} ${i.krId} ${i.objectiveId}`))).toEqual([
      ['unlink kr-1 o-1', 'link kr-1 o-2'],
      ['unlink kr-2 o-1'],
    ]);
  });
});
