import type { Id } from '../domain/types.ts';
import type { BoardMessage } from '../sdk/index.ts';

/** The KR a board message is about, or null for board-wide records (objectives, settings). */
export function krIdOf(message: BoardMessage): Id | null {
  if (typeof message.krId === 'string') return message.krId;
  if (message.type.startsWith('keyResult.')) return message.id;
  if (message.type.startsWith('link.')) {
    const record = message.record as { krId?: unknown } | undefined;
    if (typeof record?.krId === 'string') return record.krId;
    const cut = message.id.indexOf(':');
    return cut > 0 ? message.id.slice(0, cut) : message.id;
  }
  return null;
}
