/**
 * Every error code a host can send for the pack, with the names of the `params` its reply carries.
 * The web shell words each code from its locale files with these params (host/web/i18n/locale/errors.*.json);
 * a test checks both languages cover this list, so a new code needs its words before it ships.
 */
export const ERROR_PARAMS = {
  // Sign-in and access
  unauthenticated: [],
  'wrong-login': [],
  'rate-limited': ['retryAfter', 'retryAfterMinutes'],
  'qr-token-invalid': [],
  'qr-token-expired': [],
  'no-account': [],
  'invite-used': [],
  forbidden: [],
  // Generic request problems
  'not-found': ['what', 'id'],
  'no-route': [],
  'no-demo': [],
  'invalid-request': ['field', 'reason', 'limit'],
  'bad-request': [],
  'body-too-large': ['limit'],
  'cross-origin': ['origin', 'allowed'],
  'unsupported-media-type': ['received', 'allowed'],
  internal: [],
  // Row versions and locked records
  'stale-version': ['sent', 'stored'],
  'cycle-locked': ['cycle'],
  duplicate: [],
  'no-cycle': [],
  'cycle-exists': ['cycle'],
  'account-linked': ['person'],
  // Key results, objectives, links, check-ins
  'unknown-owner': ['id'],
  'target-reason-required': [],
  'other-cycle': [],
  'link-gone': [],
  'objective-linked': ['count'],
  'month-outside-cycle': ['month'],
  'month-before-kr': ['month', 'from'],
  'value-out-of-range': ['value', 'min', 'max'],
  'custom-field-invalid': ['field'],
  'custom-field-unknown': ['field'],
  'out-of-bounds': ['field', 'value', 'min', 'max'],
  'target-equals-baseline': ['value'],
  'rationale-required': [],
  'kr-has-check-ins': ['count'],
  archived: ['what', 'title'],
  // Settings
  'invalid-settings': ['count'],
  'invalid-automations': ['count'],
  'invalid-snapshot': ['count'],
  'invalid-custom-rules': ['count'],
  'reason-required': [],
  'not-a-proposal': ['version'],
  'never-published': ['version'],
  'already-current': ['version'],
  'nothing-to-preview': [],
  // Schedules
  'invalid-schedules': [],
  // Form overlays
  'overlay-expression': [],
  'invalid-overlay': [],
  'form-mismatch': [],
  // Pool runs
  'bad-quarter': ['quarter'],
  'run-exists': ['quarter', 'state'],
  'run-locked': ['quarter'],
  'not-draft': ['quarter', 'state'],
  'bad-state': ['quarter', 'action', 'state', 'needed'],
  'not-computed': ['quarter', 'action'],
  // People, reviews, escalations
  'login-taken': ['login'],
  'person-left': ['person', 'date'],
  // First run, accounts and carry-over
  'setup-done': [],
  'weak-password': ['min'],
  'account-exists': ['person'],
  'account-disabled': [],
  'account-link-invalid': [],
  'account-link-expired': [],
  'kr-finished': ['title'],
  'kr-carried': ['title', 'cycle'],
  'no-next-cycle': ['cycle', 'next'],
  'self-review': [],
  'already-reviewed': ['quarter'],
  'not-a-peer': ['id'],
  'quarter-outside-cycles': ['quarter'],
  'review-window-closed': ['quarter'],
  'review-window-open': ['quarter'],
  'not-assigned': ['name', 'quarter'],
  'cross-region-invalid': ['reviewer', 'reviewee'],
  'too-many-cross-region': ['name', 'max'],
  'closes-on-past': ['date'],
  'unknown-assignee': ['id'],
  'escalation-open': ['id'],
  'not-an-assignee': [],
  // KR comments
  'unknown-mention': ['id'],
  'mention-cannot-read': ['name'],
  resolved: [],
  // Channels
  'unknown-platform': [],
  'invalid-url': [],
  'missing-fields': [],
  'webhook-private-address': ['host', 'address'],
  // Import (file-level; row problems are the import result's `issues`)
  'import-file': [],
  'import-mapping': [],
  'import-mode': [],
  'import-money-unit': [],
  'import-sheet': [],
  'import-unreadable': [],
  'import-empty': [],
  'import-duplicate-header': [],
  'import-too-many-rows': ['limit'],
  'import-encoding': [],
  'import-not-a-workbook': [],
  'import-cell-too-long': ['limit'],
  'import-file-too-large': ['limitMb'],
  'import-busy': ['limit'],
  'import-server-busy': [],
} as const satisfies Record<string, readonly string[]>;

export type ErrorCode = keyof typeof ERROR_PARAMS;
export type ParamName<C extends ErrorCode> = (typeof ERROR_PARAMS)[C][number];
export type ErrorParams<C extends ErrorCode> = { [K in ParamName<C>]: string | number };

/** What a `not-found` reply names (param `what`); each has words in the web shell. */
export const THINGS = [
  'account',
  'automation-version',
  'custom-rules-version',
  'calibration-report',
  'cycle',
  'escalation',
  'failed-delivery',
  'failed-automation-step',
  'form-overlay',
  'key-account',
  'key-result',
  'link',
  'metric-baseline-of-cycle',
  'notification',
  'objective',
  'peer-review',
  'person',
  'pool-run',
  'region',
  'settings-version',
  'webhook',
] as const;
export type Thing = (typeof THINGS)[number];

/** Why a request field was refused (param `reason` of `invalid-request` and of settings issues). */
export const FIELD_REASONS = [
  'required',
  'unknown-field',
  'type',
  'too-short',
  'too-long',
  'minimum',
  'maximum',
  'enum',
  'pattern',
  'format',
  'too-few',
  'too-many',
  'const',
  'sum',
  'ascending',
  'invalid',
] as const;
export type FieldReason = (typeof FIELD_REASONS)[number];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_PARAMS, code);
