import { describe, expect, it } from 'vitest';
import {
  makeCheckIn,
  makeKeyAccount,
  makeKeyResult,
  makePerson,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import { SnapshotError } from '../../plugin/engine/errors.ts';
import { validateSnapshot } from '../../plugin/engine/validate-snapshot.ts';

function messageOf(json: unknown): string {
  try {
    validateSnapshot(json, 'snapshot.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return (error as Error).message;
  }
  throw new Error('expected the snapshot to be refused');
}

function snapshotWith(patch: (snapshot: Record<string, unknown[]>) => void): unknown {
  const snapshot = JSON.parse(
    JSON.stringify(
      makeSnapshot({
        people: [makePerson()],
        keyResults: [makeKeyResult()],
        checkIns: [makeCheckIn()],
        keyAccounts: [makeKeyAccount()],
      }),
    ),
  );
  patch(snapshot);
  return snapshot;
}

describe('validateSnapshot', () => {
  it('accepts a well-formed snapshot', () => {
    expect(validateSnapshot(snapshotWith(() => {})).keyResults).toHaveLength(1);
  });

  it.each([
    [
      'a missing field',
      (s: Record<string, unknown[]>) => {
        delete (s.keyResults![0] as Record<string, unknown>).target;
      },
      'snapshot.json › keyResults[0].target: required field is missing',
    ],
    [
      'a missing collection',
      (s: Record<string, unknown[]>) => {
        delete s.checkIns;
      },
      'snapshot.json › checkIns: required field is missing',
    ],
    [
      'a value of the wrong type',
      (s: Record<string, unknown[]>) => {
        (s.checkIns![0] as Record<string, unknown>).value = '3';
      },
      'snapshot.json › checkIns[0].value: must be a number (got "3")',
    ],
    [
      'a malformed month',
      (s: Record<string, unknown[]>) => {
        (s.checkIns![0] as Record<string, unknown>).month = '2026-13';
      },
      'snapshot.json › checkIns[0].month: must match ^\\d{4}-(0[1-9]|1[0-2])$ (got "2026-13")',
    ],
    [
      'a malformed date-time',
      (s: Record<string, unknown[]>) => {
        (s.keyResults![0] as Record<string, unknown>).confirmedAt = 'yesterday';
      },
      'snapshot.json › keyResults[0].confirmedAt: must be a date-time like 2026-02-03T09:30:00Z (got "yesterday")',
    ],
    [
      'a malformed date',
      (s: Record<string, unknown[]>) => {
        (s.keyAccounts![0] as Record<string, unknown>).lastContactAt = '2026-02-30';
      },
      'snapshot.json › keyAccounts[0].lastContactAt: must be a date like 2026-01-31 (got "2026-02-30")',
    ],
    [
      'an unknown role',
      (s: Record<string, unknown[]>) => {
        (s.people![0] as Record<string, unknown>).role = 'boss';
      },
      'snapshot.json › people[0].role: must be one of admin, hr, strategy, manager, sales (got "boss")',
    ],
    [
      'an unknown field',
      (s: Record<string, unknown[]>) => {
        (s.keyResults![0] as Record<string, unknown>).targte = 12;
      },
      'snapshot.json › keyResults[0].targte: is not a known field (did you mean "target"?)',
    ],
  ])('refuses %s, naming the path', (_, patch, message) => {
    expect(messageOf(snapshotWith(patch))).toBe(message);
  });
});
