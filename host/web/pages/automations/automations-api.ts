import type { PlannedMessage } from '../../../../plugin/automations/plan.ts';
import type { AutomationDocument } from '../../../../plugin/automations/types.ts';
import type { AutomationVersionWithDiff } from '../../../../plugin/automations/versions.ts';
import type { ApiClient } from '../../api/client.ts';

export interface AutomationPreview {
  from: string;
  to: string;
  events: number;
  runs: number;
  automations: {
    id: string;
    title: string;
    runs: number;
    byRegion: { regionId: string | null; region: string | null; runs: number }[];
    messages: {
      at: string;
      subject: Record<string, string | undefined>;
      message: PlannedMessage;
      recipients: string[];
      channelId: string | null;
    }[];
  }[];
}

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
  };
}
export type AutomationsApi = ReturnType<typeof automationsApi>;
