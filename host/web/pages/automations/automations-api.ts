import type {
  AutomationDocument,
  AutomationPreview,
  FailedRun,
} from '../../../../plugin/automations/types.ts';

export type { AutomationPreview, FailedRun };

import type { AutomationVersionWithDiff } from '../../../../plugin/automations/versions.ts';
import type { ApiClient } from '../../api/client.ts';

export interface Channel {
  id: string;
  name: string;
}

/** The calls the automations page makes (host/server/automations/routes.ts). */
export function automationsApi(client: ApiClient) {
  return {
    current: () => client.get<{ version: number; document: AutomationDocument }>('/api/automations'),
    versions: () => client.get<AutomationVersionWithDiff[]>('/api/automations/versions'),
    preview: (document: AutomationDocument) =>
      client.post<AutomationPreview>('/api/automations/preview', { document }),
    dryRun: (document: AutomationDocument, automationId: string) =>
      client.post<{ sent: number; event: unknown }>('/api/automations/dry-run', { document, automationId }),
    propose: (document: AutomationDocument, reason: string) =>
      client.post<{ version: number }>('/api/automations/proposals', { document, reason }),
    publish: (version: number) =>
      client.post<{ version: number }>(`/api/automations/versions/${version}/publish`),
    rollback: (toVersion: number, reason: string) =>
      client.post<{ version: number }>('/api/automations/rollback', { toVersion, reason }),
    channels: () => client.get<Channel[]>('/api/automations/channels'),
    failures: () => client.get<{ count: number; runs: FailedRun[] }>('/api/automations/failures'),
    retry: (id: string) =>
      client.post<{ ok: true }>(`/api/automations/failures/${encodeURIComponent(id)}/retry`),
  };
}
export type AutomationsApi = ReturnType<typeof automationsApi>;
