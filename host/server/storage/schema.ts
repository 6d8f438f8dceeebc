import type { Generated, Kysely } from 'kysely';

/** The versions of one versioned document (settings, automations, custom rules); the document is JSON text. */
export type VersionTable = {
  version: number;
  status: string;
  document: string;
  reason: string;
  author_id: string;
  created_at: string;
  published_at: string | null;
  published_by_id: string | null;
  rollback_of: number | null;
};

/**
 * Table shapes as stored. Portable across SQLite and PostgreSQL: booleans are 0/1 integers, dates
 * and instants are ISO text, lists and objects are JSON text.
 */
export interface Database {
  regions: { id: string; name: string };
  people: {
    id: string;
    name: string;
    role: string;
    region_id: string | null;
    manager_id: string | null;
    base_bonus_cents: number;
    /** First and last day at the company (migration 0010); null: before the records / still here. */
    joined_on: Generated<string | null>;
    left_on: Generated<string | null>;
    /** Row version: leaving and moving are compare-and-sets on it. */
    version: Generated<number>;
  };
  /** Region and manager history: one row per move (migration 0010), written by `person.move`. */
  person_moves: {
    id: string;
    person_id: string;
    from_region_id: string | null;
    to_region_id: string;
    from_manager_id: string | null;
    to_manager_id: string | null;
    on_date: string;
    reason: string;
    krs: string;
    at: string;
    by_id: string | null;
  };
  users: {
    id: string;
    login: string;
    password_hash: string;
    person_id: string;
    created_at: string;
    /** When an admin disabled the account; it then cannot sign in. */
    disabled_at?: string | null;
  };
  /** One-time sign-in links: `id` is the SHA-256 of the token, never the token. */
  account_links: {
    id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  sessions: {
    id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    scope: string | null;
  };
  cycles: { id: string; name: string; start_date: string; end_date: string; locked: number };
  objectives: {
    id: string;
    cycle_id: string;
    title: string;
    owner_id: string;
    focus_tags: string;
    weight: number;
    version: number;
    custom: string | null;
    /** Migration 0008: what the objective means; '' when not written. */
    description: Generated<string>;
    /** Migration 0008: when it was archived; null while it is live. */
    archived_at: string | null;
  };
  key_results: {
    id: string;
    cycle_id: string;
    owner_type: string;
    owner_id: string;
    title: string;
    metric: string;
    baseline: number;
    target: number;
    unit: string;
    focus_tags: string;
    rationale: string;
    rationale_at: string | null;
    evidence: string;
    confirmed_at: string | null;
    update_interval_days: number | null;
    target_history: string;
    /** When the KR was proposed (ISO instant); rows from before 0006 have their cycle's start. */
    created_at: string;
    version: number;
    custom: string | null;
    /** Migration 0008: when it was archived; null while it is live. */
    archived_at: string | null;
    /** Migration 0008: JSON of the manager's send-back (`KrSendBack`); null when none. */
    sent_back: string | null;
  };
  kr_links: {
    kr_id: string;
    objective_id: string;
    weight: number;
    linked_at: string;
    version: number;
  };
  check_ins: {
    id: string;
    kr_id: string;
    month: string;
    value: number;
    self_colour: string | null;
    colour_note: string;
    submitted_at: string;
    blockers: string;
    resource_request: string | null;
    confidence: number;
    /** JSON object of HR-added form fields (migration 0003); null when the record has none. */
    custom: string | null;
  };
  escalations: {
    id: string;
    kr_id: string;
    raised_by_id: string;
    assignee_id: string | null;
    month: string;
    reason: string;
    detail: string;
    raised_at: string;
    resolved_at: string | null;
    resolution: string;
    /** Added by migration 0005: assign and resolve are compare-and-sets on it. */
    version: Generated<number>;
  };
  escalation_comments: {
    id: string;
    escalation_id: string;
    author_id: string;
    text: string;
    at: string;
  };
  /** Added by migration 0012. */
  kr_comments: {
    id: string;
    kr_id: string;
    author_id: string;
    text: string;
    /** JSON array of person ids. */
    mention_ids: string;
    at: string;
  };
  activities: {
    person_id: string;
    month: string;
    deals_signed: number;
    deals_amount_cents: number;
    high_margin_amount_cents: number;
    client_visits: number;
    proposals_sent: number;
    proposals_won: number;
    collections_cents: number;
  };
  key_accounts: { id: string; name: string; owner_id: string; last_contact_at: string | null };
  peer_reviews: {
    id: string;
    quarter: string;
    reviewer_id: string;
    reviewee_id: string;
    scores: string;
    comment: string;
  };
  peer_review_windows: {
    quarter: string;
    state: string;
    closes_on: string | null;
    /** JSON array of `{ reviewerId, revieweeId }`. */
    cross_region: string;
    opened_at: string;
    opened_by_id: string | null;
    closed_at: string | null;
    version: number;
  };
  settings_versions: VersionTable;
  form_overlays: {
    form_id: string;
    overlay: string;
    version: number;
    updated_at: string;
    updated_by_id: string;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    before: string | null;
    after: string | null;
  };
  notifications: {
    id: string;
    person_id: string;
    kind: string;
    subject: string;
    params: string;
    dedup_key: string;
    created_at: string;
    read_at: string | null;
  };
  pool_runs: {
    id: string;
    quarter: string;
    cycle_id: string;
    state: string;
    pool_cents: number | null;
    settings_version: number | null;
    result: string | null;
    computed_at: string | null;
    created_at: string;
    created_by_id: string;
    updated_at: string;
    version: number;
  };
  pool_allocations: {
    run_id: string;
    person_id: string;
    cents: number;
    ideal_cents: number;
    floor_applied: number;
    cap_applied: number;
    statement: string;
  };
  rule_events: {
    id: string;
    at: string;
    evaluated_at: string;
    type: string;
    subject: string;
    params: string;
    dedup_key: string;
    settings_version: number;
  };
  host_meta: { key: string; value: string };
  rule_versions: VersionTable;
  automation_versions: VersionTable;
  automation_runs: {
    id: string;
    run_key: string;
    event_id: string;
    automation_id: string;
    step_index: number;
    action: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    created_at: string;
    done_at: string | null;
  };
  automation_waits: {
    run_key: string;
    automation_id: string;
    event: string;
    resume_at: number;
    due_date: string;
    status: string;
    created_at: string;
    settled_at: string | null;
  };
  board_invite_uses: {
    nonce: string;
    person_id: string;
    board_id: string;
    used_at: string;
    expires_at: string;
  };
  metric_baselines: {
    cycle_id: string;
    /** Fractions 0..1 and days, like the metrics they stand before; null when unknown. */
    alignment_rate: number | null;
    average_response_days: number | null;
    high_margin_share: number | null;
    source: string;
    updated_at: string;
    updated_by_id: string | null;
  };
}

/** This host's database, or a transaction in it. */
export type Db = Kysely<Database>;
