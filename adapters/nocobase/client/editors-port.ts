import { ApiError, wordsKeyForStatus } from '../../../host/web/api/api-error.ts';
import type { EditorsPort } from '../../../host/web/pages/automations/editors-port.tsx';
import type { AutomationDocument } from '../../../plugin/automations/types.ts';
import type { CustomRuleDocument } from '../../../plugin/engine/custom-rules.ts';
import type { VisibleSnapshot } from '../../../plugin/sdk/index.ts';
import type { PackActionUrl } from './pack-actions.ts';

/** Server actions of the automation and rule editors and of the robots panel (`/api/okrAlign:<action>`). */
export const EDITOR_ACTIONS = {
  automations: 'okrAlign:automations',
  automationVersions: 'okrAlign:automationVersions',
  proposeAutomations: 'okrAlign:proposeAutomations',
  publishAutomations: 'okrAlign:publishAutomations',
  rollbackAutomations: 'okrAlign:rollbackAutomations',
  previewAutomations: 'okrAlign:previewAutomations',
  dryRunAutomation: 'okrAlign:dryRunAutomation',
  automationFailures: 'okrAlign:automationFailures',
  channelNames: 'okrAlign:channelNames',
  retryFailedRun: 'okrAlign:retryFailedRun',
  customRules: 'okrAlign:customRules',
  customRuleVersions: 'okrAlign:customRuleVersions',
  previewCustomRules: 'okrAlign:previewCustomRules',
  proposeCustomRules: 'okrAlign:proposeCustomRules',
  publishCustomRules: 'okrAlign:publishCustomRules',
  rollbackCustomRules: 'okrAlign:rollbackCustomRules',
  channels: 'okrAlign:channels',
  createChannel: 'okrAlign:createChannel',
  updateChannel: 'okrAlign:updateChannel',
  deleteChannel: 'okrAlign:deleteChannel',
  testChannel: 'okrAlign:testChannel',
  snapshot: 'okrAlign:snapshot',
} as const satisfies Record<string, PackActionUrl | 'okrAlign:snapshot'>;

type ActionUrl = (typeof EDITOR_ACTIONS)[keyof typeof EDITOR_ACTIONS];

/** One request as NocoBase's `APIClient.request` takes it: a read without input is a GET. */
export interface EditorRequest {
  url: ActionUrl;
  method: 'get' | 'post';
  data?: Record<string, unknown>;
}

/** NocoBase's `APIClient.request`, as far as the editors use it (answers in `data.data`). */
export type RequestFn = (
  request: EditorRequest & { skipNotify: true },
) => Promise<{ data: { data: unknown } }>;

/** A refused action as the pages' error words read it: NocoBase's `{ errors: [{ message, code, params }] }`. */
export function apiErrorOf(error: unknown): ApiError {
  const response = (error as { response?: { status?: number; data?: unknown } } | null)?.response;
  const status = response?.status ?? 0;
  const body = response?.data as { errors?: Record<string, unknown>[] } | undefined;
  const { message, code, params, ...extra } = body?.errors?.[0] ?? {};
  const words = typeof message === 'string' && message !== '' ? message : null;
  return new ApiError(
    status,
    typeof code === 'string' ? code : 'unknown',
    words ?? (error instanceof Error ? error.message : String(error)),
    words ? null : wordsKeyForStatus(status),
    extra,
    params && typeof params === 'object' ? (params as Record<string, string | number>) : {},
  );
}

/** A pack action called through NocoBase's API client: its answer, or the refusal as an `ApiError`. */
export const packCaller =
  (request: RequestFn) =>
  async <T>(url: ActionUrl, data?: Record<string, unknown>): Promise<T> => {
    try {
      const response = await request({
        url,
        method: data ? 'post' : 'get',
        ...(data ? { data } : {}),
        skipNotify: true,
      });
      return response.data.data as T;
    } catch (error) {
      throw apiErrorOf(error);
    }
  };

/**
 * The editors' calls over NocoBase's `okrAlign:<action>` requests; people's, regions' and KRs'
 * names come from the current cycle's snapshot, read once.
 */
export function nocobaseEditorsPort(request: RequestFn, lang: EditorsPort['lang']): EditorsPort {
  const call = packCaller(request);
  let snapshot: Promise<VisibleSnapshot> | null = null;
  const cycle = () => {
    snapshot ??= call<VisibleSnapshot>(EDITOR_ACTIONS.snapshot).catch((error: unknown) => {
      snapshot = null;
      throw error;
    });
    return snapshot;
  };
  const A = EDITOR_ACTIONS;
  return {
    automations: {
      current: () => call(A.automations),
      versions: () => call(A.automationVersions),
      preview: (document: AutomationDocument) => call(A.previewAutomations, { document }),
      dryRun: (document: AutomationDocument, automationId: string) =>
        call(A.dryRunAutomation, { document, automationId }),
      propose: (document: AutomationDocument, reason: string) =>
        call(A.proposeAutomations, { document, reason }),
      publish: (version: number) => call(A.publishAutomations, { version }),
      rollback: (toVersion: number, reason: string) => call(A.rollbackAutomations, { toVersion, reason }),
      channels: () => call(A.channelNames),
      failures: () => call(A.automationFailures),
      retry: (id: string) => call(A.retryFailedRun, { id }),
    },
    rules: {
      current: () => call(A.customRules),
      versions: () => call(A.customRuleVersions),
      preview: (document: CustomRuleDocument) => call(A.previewCustomRules, { document }),
      propose: (document: CustomRuleDocument, reason: string) =>
        call(A.proposeCustomRules, { document, reason }),
      publish: (version: number) => call(A.publishCustomRules, { version }),
      rollback: (toVersion: number, reason: string) => call(A.rollbackCustomRules, { toVersion, reason }),
    },
    people: async () => (await cycle()).people.map((p) => ({ id: p.id, name: p.name })),
    regions: async () => (await cycle()).regions.map((r) => ({ id: r.id, name: r.name })),
    keyResults: async () => (await cycle()).keyResults.map((k) => ({ id: k.id, title: k.title })),
    lang,
  };
}
