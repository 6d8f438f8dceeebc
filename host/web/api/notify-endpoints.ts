import type { Id } from '../../../plugin/domain/types.ts';
import { ApiError, apiErrorFrom } from './api-error.ts';
import type { ApiClient, Translate } from './client.ts';

export type Platform = 'dingtalk' | 'feishu' | 'wecom';
export const PLATFORMS: readonly Platform[] = ['dingtalk', 'feishu', 'wecom'];
export type MessageLang = 'zh-CN' | 'en-US';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A group robot as the admin sees it (`GET /api/channels/webhooks`): url and secret come masked. */
export interface WebhookView {
  id: Id;
  /** Null: the HQ robot. */
  regionId: Id | null;
  platform: Platform;
  name: string;
  url: string;
  hasSecret: boolean;
  secret: string;
  lang: MessageLang;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Fields of a create or edit; an omitted `url`/`secret` keeps the stored one. */
export interface WebhookInput {
  regionId?: Id | null;
  platform?: Platform;
  name?: string;
  url?: string;
  secret?: string;
  lang?: MessageLang;
  enabled?: boolean;
}

export interface SendResult {
  ok: boolean;
  error: string | null;
}

export interface Delivery {
  id: string;
  scheduleId: string;
  occurrence: string;
  recipient: string;
  channel: 'in-app' | 'webhook';
  webhookId: string | null;
  message: { kind: string; params?: Record<string, unknown> };
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ScheduleVersion {
  version: number;
  document: Record<string, unknown>;
  reason: string;
  authorId: string;
  createdAt: string;
}

export interface ReportListing {
  month: string;
  generatedAt: string;
  settingsVersion: number;
}

/** Scope of the report that covers every region. */
export const HQ_SCOPE = 'hq';

const reportPath = (month: string, part: 'workbook' | 'page') =>
  `/api/reports/calibration/${encodeURIComponent(month)}/${part}`;

/** Calls for group robots, schedules, monthly reports and the primer (host/server/routes). */
export function notifyEndpoints(api: ApiClient) {
  return {
    webhooks: () => api.get<WebhookView[]>('/api/channels/webhooks'),
    createWebhook: (input: WebhookInput) => api.post<WebhookView>('/api/channels/webhooks', input),
    updateWebhook: (id: Id, version: number, input: WebhookInput) =>
      api.patch<WebhookView>(`/api/channels/webhooks/${encodeURIComponent(id)}`, { ...input, version }),
    deleteWebhook: (id: Id) =>
      api.delete<{ ok: boolean }>(`/api/channels/webhooks/${encodeURIComponent(id)}`),
    testWebhook: (id: Id) => api.post<SendResult>(`/api/channels/webhooks/${encodeURIComponent(id)}/test`),
    deliveries: (q: { status?: DeliveryStatus; channel?: 'in-app' | 'webhook' } = {}) =>
      api.get<Delivery[]>('/api/channels/deliveries', q),
    retryDelivery: (id: string) =>
      api.post<{ ok: boolean }>(`/api/channels/deliveries/${encodeURIComponent(id)}/retry`),

    schedule: () => api.get<ScheduleVersion>('/api/schedules'),
    scheduleVersions: () => api.get<ScheduleVersion[]>('/api/schedules/versions'),
    saveSchedule: (document: Record<string, unknown>, reason: string, baseVersion: number) =>
      api.put<ScheduleVersion>('/api/schedules', { document, reason, baseVersion }),

    reports: () => api.get<ReportListing[]>('/api/reports/calibration'),
    generateReport: (month: string) =>
      api.post<ReportListing>('/api/reports/calibration/generate', { month }),
    /** Address of the report workbook (a download; the session cookie goes with it). */
    reportWorkbookUrl: (month: string, scope: string, lang: MessageLang) =>
      api.url(reportPath(month, 'workbook'), { scope, lang }),
    /** Address of the printable report page. */
    reportPageUrl: (month: string, scope: string, lang: MessageLang) =>
      api.url(reportPath(month, 'page'), { scope, lang }),
    primerUrl: (lang: MessageLang) => api.url('/api/primer', { lang }),
  };
}

export type NotifyEndpoints = ReturnType<typeof notifyEndpoints>;

/**
 * GETs an HTML page of the server (the primer) as text; a failure becomes an `ApiError` with words,
 * as for JSON calls.
 */
export async function fetchHtml(url: string, translate: Translate, fetchImpl: typeof fetch = fetch) {
  let res: Response;
  try {
    res = await fetchImpl(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  } catch {
    throw new ApiError(0, 'offline', translate('errors.offline'), 'errors.offline');
  }
  const text = await res.text();
  if (res.ok) return text;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  throw apiErrorFrom(res.status, body, translate);
}
