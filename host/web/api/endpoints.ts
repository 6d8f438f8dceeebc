import type { AlignmentFactors } from '../../../plugin/domain/alignment.ts';
import type { CycleMetrics } from '../../../plugin/domain/metrics.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { PoolStatement } from '../../../plugin/domain/pool.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type {
  Activity,
  CheckIn,
  Colour,
  Cycle,
  Escalation,
  Id,
  KeyAccount,
  KeyResult,
  Objective,
  Person,
  PoolRunState,
  Region,
  ResourceRequest,
} from '../../../plugin/domain/types.ts';
import type {
  HostUser,
  SettingsChange,
  SettingsPreview,
  SettingsVersion,
} from '../../../plugin/sdk/index.ts';
import { peerReviewEndpoints } from '../pages/peer-review/peer-review-api.ts';
import type { ApiClient } from './client.ts';

/** The signed-in user (`GET /api/auth/me`). */
export type Me = HostUser;

export interface Health {
  ok: boolean;
  storage: string;
  contractVersion: string;
}

export interface DemoLogin {
  login: string;
  password: string;
  role: string;
  displayName: string;
}

export interface StoredLink {
  krId: Id;
  objectiveId: Id;
  weight: number;
  linkedAt: string;
  version: number;
}

export interface Evaluation {
  cycleId: Id;
  at: string;
  settingsVersion: number;
  alignment: { krId: Id; score: number; factors: AlignmentFactors }[];
  colours: MonthColour[];
}

export interface MetricsReply {
  cycleId: Id;
  at: string;
  settingsVersion: number;
  alignmentRate: number;
  linkedRate: number;
  months: CycleMetrics[];
}

export type SettingsVersionRow = SettingsVersion & {
  current: boolean;
  diff: SettingsChange[];
  diffAgainst: number | null;
};

/** The pack's pool run (`GET /api/pool-runs`, filtered to what the caller may see). */
export type { PoolRun };

/** A statement as the server sends it: marked when its run was computed before the quarter ended. */
export type ServedStatement = PoolStatement & { quarterOpen?: { quarterEndsOn: string } | null };

export interface MyStatement {
  runId: Id;
  quarter: string;
  state: PoolRunState;
  statement: ServedStatement;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  /** Who did it, resolved by the server (older servers: absent). */
  actor?:
    | { kind: 'person'; name: string }
    | { kind: 'system' }
    | { kind: 'demo' }
    | { kind: 'unknown'; id: string };
  /** The subject in words (KR title, person name…), or null. */
  subjectName?: string | null;
}

/** One message of a KR's or an escalation's thread. */
export interface ThreadComment {
  id: Id;
  authorId: Id;
  text: string;
  at: string;
  mentionIds?: Id[];
}

/** One audit row of a KR or an escalation, with who did it in words. */
export interface KrHistoryRow {
  id: number;
  at: string;
  action: string;
  subjectType: string;
  before: unknown;
  after: unknown;
  actor:
    | { kind: 'person'; name: string }
    | { kind: 'system' }
    | { kind: 'demo' }
    | { kind: 'unknown'; id: string };
}

export interface AppNotification {
  id: Id;
  personId: Id;
  kind: string;
  subject: Record<string, unknown>;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface StoredOverlay {
  formId: string;
  overlay: unknown;
  version: number;
  updatedAt: string;
  updatedById: Id;
}

/** The board's QR code: an invite to the board, never a sign-in; each phone joins as its own person. */
export interface BoardInvite {
  invite: string;
  boardId: string;
  cycleId: Id;
  cycleName: string;
  expiresAt: string;
  path: string;
}

export interface CheckInBody {
  value: number;
  selfColour?: Colour | null;
  colourNote?: string;
  blockers?: string;
  resourceRequest?: ResourceRequest | null;
  confidence: number;
  /** Values of HR's added fields (see forms/README.md). */
  custom?: Record<string, unknown>;
}

export interface ImportIssue {
  row: number;
  column?: string | null;
  field?: string | null;
  reason?: string;
  message?: string;
}

export interface ImportResult {
  kind: string;
  mode: string;
  dryRun: boolean;
  refused: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  issues: ImportIssue[];
  preview: unknown[];
}

/** Typed calls of the reference host's API (host/server/routes). */
export function endpoints(api: ApiClient) {
  return {
    health: () => api.get<Health>('/api/health'),
    /** Not every server lists demo logins; a 404 means "not the demo". */
    demoLogins: () => api.get<DemoLogin[] | { logins: DemoLogin[] }>('/api/demo-logins'),
    login: (login: string, password: string) => api.post<Me>('/api/auth/login', { login, password }),
    logout: () => api.post<{ ok: boolean }>('/api/auth/logout'),
    me: () => api.get<Me>('/api/auth/me'),
    /** Who is signed in, or null: never a 401, so an anonymous start logs no error. */
    session: () => api.get<{ user: Me | null }>('/api/auth/session'),

    cycles: () => api.get<{ cycles: Cycle[]; currentId: Id | null }>('/api/cycles'),
    regions: () => api.get<Region[]>('/api/regions'),
    people: () =>
      api.get<(Omit<Person, 'baseBonusCents'> & { baseBonusCents: number | null })[]>('/api/people'),
    objectives: (cycleId?: Id) =>
      api.get<(Objective & { version?: number })[]>('/api/objectives', { cycleId }),
    keyResults: (cycleId?: Id) => api.get<KeyResult[]>('/api/key-results', { cycleId }),
    keyResult: (id: Id) => api.get<KeyResult>(`/api/key-results/${encodeURIComponent(id)}`),
    checkIns: (q: { cycleId?: Id; krId?: Id; month?: string }) => api.get<CheckIn[]>('/api/check-ins', q),
    saveCheckIn: (krId: Id, month: string, body: CheckInBody) =>
      api.put<CheckIn>(`/api/key-results/${encodeURIComponent(krId)}/check-ins/${month}`, body),
    escalations: (q: { state?: 'open' | 'resolved'; cycleId?: Id }) =>
      api.get<Escalation[]>('/api/escalations', q),
    resolveEscalation: (id: Id, resolution: string) =>
      api.post<Escalation>(`/api/escalations/${encodeURIComponent(id)}/resolve`, { resolution }),
    assignEscalation: (id: Id, assigneeId: Id) =>
      api.post<Escalation>(`/api/escalations/${encodeURIComponent(id)}/assign`, { assigneeId }),
    escalationComments: (id: Id) =>
      api.get<{ comments: ThreadComment[]; canComment: boolean }>(
        `/api/escalations/${encodeURIComponent(id)}/comments`,
      ),
    commentOnEscalation: (id: Id, text: string) =>
      api.post<ThreadComment>(`/api/escalations/${encodeURIComponent(id)}/comments`, { text }),
    escalationTrail: (id: Id) =>
      api.get<KrHistoryRow[]>(`/api/escalations/${encodeURIComponent(id)}/history`),
    krComments: (id: Id) =>
      api.get<{ comments: ThreadComment[]; canComment: boolean }>(
        `/api/key-results/${encodeURIComponent(id)}/comments`,
      ),
    commentOnKr: (id: Id, text: string, mentionIds: Id[]) =>
      api.post<ThreadComment>(`/api/key-results/${encodeURIComponent(id)}/comments`, { text, mentionIds }),
    krHistory: (id: Id) => api.get<KrHistoryRow[]>(`/api/key-results/${encodeURIComponent(id)}/history`),
    activities: (q: { personId?: Id; month?: string } = {}) => api.get<Activity[]>('/api/activities', q),
    keyAccounts: () => api.get<KeyAccount[]>('/api/key-accounts'),
    evaluation: (cycleId?: Id) => api.get<Evaluation>('/api/evaluation', { cycleId }),
    metrics: (cycleId?: Id) => api.get<MetricsReply>('/api/metrics', { cycleId }),

    settings: () => api.get<{ version: number; settings: Settings }>('/api/settings'),
    settingsVersions: () => api.get<SettingsVersionRow[]>('/api/settings/versions'),
    proposeSettings: (settings: Settings, reason: string) =>
      api.post<SettingsVersion>('/api/settings/proposals', { settings, reason }),
    previewSettings: (body: { settings?: Settings; version?: number }) =>
      api.post<SettingsPreview>('/api/settings/preview', body),
    publishSettings: (version: number) =>
      api.post<SettingsVersion>(`/api/settings/versions/${version}/publish`),
    discardSettings: (version: number) =>
      api.post<SettingsVersion>(`/api/settings/versions/${version}/discard`),
    rollbackSettings: (toVersion: number, reason: string) =>
      api.post<SettingsVersion>('/api/settings/rollback', { toVersion, reason }),

    overlays: () => api.get<StoredOverlay[]>('/api/form-overlays'),
    saveOverlay: (formId: string, overlay: unknown, version?: number) =>
      api.put<StoredOverlay>(
        `/api/form-overlays/${formId}`,
        version === undefined ? { overlay } : { overlay, version },
      ),
    deleteOverlay: (formId: string) => api.delete<{ ok: boolean }>(`/api/form-overlays/${formId}`),

    poolRuns: () => api.get<PoolRun[]>('/api/pool-runs'),
    createPoolRun: (quarter: string) => api.post<PoolRun>('/api/pool-runs', { quarter }),
    computePoolRun: (id: Id, version?: number) =>
      api.post<PoolRun>(
        `/api/pool-runs/${encodeURIComponent(id)}/compute`,
        version === undefined ? {} : { version },
      ),
    transitionPoolRun: (id: Id, action: 'approve' | 'release' | 'lock', version?: number) =>
      api.post<PoolRun>(
        `/api/pool-runs/${encodeURIComponent(id)}/${action}`,
        version === undefined ? {} : { version },
      ),
    deletePoolRun: (id: Id) => api.delete<{ ok: boolean }>(`/api/pool-runs/${encodeURIComponent(id)}`),
    poolStatements: (id: Id) =>
      api.get<ServedStatement[]>(`/api/pool-runs/${encodeURIComponent(id)}/statements`),
    myStatements: () => api.get<MyStatement[]>('/api/statements/mine'),

    audit: (q: { subjectType?: string; limit?: number; beforeId?: number } = {}) =>
      api.get<AuditEntry[]>('/api/audit', q),
    notifications: () => api.get<AppNotification[]>('/api/notifications'),
    unreadCount: () => api.get<{ unread: number }>('/api/notifications/unread-count'),
    markRead: (id: Id) => api.post<{ ok: boolean }>(`/api/notifications/${encodeURIComponent(id)}/read`),
    markAllRead: () => api.post<{ ok: boolean; marked: number }>('/api/notifications/read-all'),

    mintBoardInvite: (cycleId: Id, body: { ttlSeconds?: number } = {}) =>
      api.post<BoardInvite>(`/api/boards/${encodeURIComponent(cycleId)}/invites`, body),
    boardJoinInfo: (cycleId: Id, invite: string) =>
      api.get<{ boardId: string; cycleName: string; expiresAt: string; you: Me | null }>(
        `/api/boards/${encodeURIComponent(cycleId)}/join`,
        { invite },
      ),
    joinBoard: (cycleId: Id, body: { invite: string; login: string; password: string }) =>
      api.post<{ boardId: string; personId: Id; name: string; expiresAt: string }>(
        `/api/boards/${encodeURIComponent(cycleId)}/join`,
        body,
      ),
    saveLink: (krId: Id, objectiveId: Id, weight: number, version?: number) =>
      api.put<StoredLink>(
        `/api/key-results/${encodeURIComponent(krId)}/links/${encodeURIComponent(objectiveId)}`,
        version === undefined ? { weight } : { weight, version },
      ),
    importFile: (kind: 'activities' | 'keyAccounts', body: Record<string, unknown>, dryRun: boolean) =>
      api.post<ImportResult>(`/api/import/${kind}`, body, { dryRun }),
    ...peerReviewEndpoints(api),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
