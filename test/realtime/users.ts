import type { HostUser } from '../../plugin/sdk/index.ts';

/** A signed-in user of the demo's shape: `name` is the person id in capitals. */
export const user = (
  personId: string,
  role: HostUser['role'],
  regionId: string | null = null,
  scope: HostUser['scope'] = null,
): HostUser => ({ userId: `u-${personId}`, personId, name: personId.toUpperCase(), role, regionId, scope });

/** A kickoff QR session held to `boardId`. */
export const qrScope = (boardId: string): HostUser['scope'] => ({
  boardId,
  actions: ['update'],
  expiresAt: '2099-01-01T00:00:00Z',
});
