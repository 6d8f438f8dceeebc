import type { Id, KeyResult, Objective } from '../../../plugin/domain/types.ts';
import type { ApiClient } from '../api/client.ts';
import type { StoredLink } from '../api/endpoints.ts';

export type StoredObjective = Objective & { version: number };

const path = (base: string, id: Id, tail = '') => `${base}/${encodeURIComponent(id)}${tail}`;

/** The authoring calls of objectives and key results (host/server/routes objectives.ts, key-results.ts). */
export function okrEndpoints(api: ApiClient) {
  return {
    createObjective: (body: Record<string, unknown>) => api.post<StoredObjective>('/api/objectives', body),
    updateObjective: (id: Id, body: Record<string, unknown>) =>
      api.patch<StoredObjective>(path('/api/objectives', id), body),
    archiveObjective: (id: Id, version: number) =>
      api.post<StoredObjective>(path('/api/objectives', id, '/archive'), { version }),
    createKeyResult: (body: Record<string, unknown>) => api.post<KeyResult>('/api/key-results', body),
    updateKeyResult: (id: Id, body: Record<string, unknown>) =>
      api.patch<KeyResult>(path('/api/key-results', id), body),
    confirmKeyResult: (id: Id, version: number) =>
      api.post<KeyResult>(path('/api/key-results', id, '/confirm'), { version }),
    sendBackKeyResult: (id: Id, version: number, reason: string) =>
      api.post<KeyResult>(path('/api/key-results', id, '/send-back'), { version, reason }),
    archiveKeyResult: (id: Id, version: number) =>
      api.post<KeyResult>(path('/api/key-results', id, '/archive'), { version }),
    links: (krId: Id) => api.get<StoredLink[]>(path('/api/key-results', krId, '/links')),
    saveLink: (krId: Id, objectiveId: Id, weight: number, version?: number) =>
      api.put<StoredLink>(
        path('/api/key-results', krId, `/links/${encodeURIComponent(objectiveId)}`),
        version === undefined ? { weight } : { weight, version },
      ),
    deleteLink: (krId: Id, objectiveId: Id, version: number) =>
      api.delete<{ ok: boolean }>(
        path('/api/key-results', krId, `/links/${encodeURIComponent(objectiveId)}`),
        {
          version,
        },
      ),
  };
}

export type OkrEndpoints = ReturnType<typeof okrEndpoints>;
