import type { Id } from '../domain/types.ts';
import type { BoardId, BoardMessage, Subject } from '../sdk/index.ts';
import { krIdOf } from './message-kr.ts';

export interface KrOwner {
  ownerType: 'person' | 'region';
  ownerId: Id;
}

/**
 * Who owns the KRs of one board, so a host that only sees a `BoardMessage` (from any instance of a
 * cluster) can tell which of its clients may read it: reps their own KRs, managers their region.
 */
export class KrOwners {
  private readonly owners = new Map<Id, KrOwner>();

  /** `regionOf` maps each person to their region, for KRs a person owns. */
  constructor(
    private readonly boardId: BoardId,
    private readonly regionOf: ReadonlyMap<Id, Id | null>,
  ) {}

  set(krId: Id, owner: KrOwner): void {
    this.owners.set(krId, { ownerType: owner.ownerType, ownerId: owner.ownerId });
  }

  /** Learns a KR's owner from a message whose record is the KR (a KR created or moved since the board loaded). */
  learn(message: BoardMessage): void {
    const record = message.record as { id?: unknown; ownerType?: unknown; ownerId?: unknown } | undefined;
    if (
      typeof record?.id === 'string' &&
      record.id &&
      (record.ownerType === 'person' || record.ownerType === 'region') &&
      typeof record.ownerId === 'string'
    )
      this.set(record.id, { ownerType: record.ownerType, ownerId: record.ownerId });
  }

  /** The policy subject of a KR of this board; null when the board does not know the KR. */
  subjectOf(krId: Id): Subject | null {
    const owner = this.owners.get(krId);
    if (!owner) return null;
    const personal = owner.ownerType === 'person';
    return {
      type: 'keyResult',
      ownerPersonId: personal ? owner.ownerId : null,
      regionId: personal ? (this.regionOf.get(owner.ownerId) ?? null) : owner.ownerId,
      boardId: this.boardId,
    };
  }

  /** What a message is about, as `mayReceive` takes it: undefined for board-wide messages. */
  aboutOf(message: BoardMessage): Subject | null | undefined {
    const krId = krIdOf(message);
    return krId === null ? undefined : this.subjectOf(krId);
  }
}
