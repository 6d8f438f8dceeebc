import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import defaults from '../../../rules/schedules.defaults.json' with { type: 'json' };
import schema from '../../../rules/schedules.schema.json' with { type: 'json' };

export interface PeerWindow {
  /** `MM-DD`. */
  opensOn: string;
  /** `MM-DD`; before `opensOn` means the next year. */
  closesOn: string;
}

/** The schedule document (`rules/schedules.schema.json`). Times are `HH:mm` in `timeZone`. */
export interface ScheduleDocument {
  schemaVersion: 1;
  timeZone: string;
  catchUpHours: number;
  calibrationReminder: { enabled: boolean; dayOfMonth: number; time: string; managerFollowUpDays: number };
  dailyAlerts: {
    enabled: boolean;
    time: string;
    keyClientGap: boolean;
    staleKrs: boolean;
    overdueEscalations: boolean;
  };
  peerReview: { enabled: boolean; time: string; windows: Record<'q1' | 'q2' | 'q3' | 'q4', PeerWindow> };
  kickoff: { enabled: boolean; months: number[]; daysBefore: number[]; time: string };
  monthlyReport: { enabled: boolean; time: string; holidays: string[]; extraWorkdays: string[] };
  links: { baseUrl: string };
}

export interface ScheduleIssue {
  path: string;
  message: string;
}

/** A schedule document that does not match its schema; `issues` names every field. */
export class ScheduleDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ScheduleIssue[],
  ) {
    super(
      `schedules: ${source} is invalid: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}; fix these fields (see rules/schedules.schema.json)`,
    );
    this.name = 'ScheduleDocumentError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: false });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-i18n', schemaType: 'object' });
ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
const validate = ajv.compile(schema);

const toIssue = (e: ErrorObject): ScheduleIssue => ({
  path: e.instancePath,
  message:
    e.keyword === 'additionalProperties'
      ? `has unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
      : (e.message ?? e.keyword),
});

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Validates a schedule document against `rules/schedules.schema.json`; throws `ScheduleDocumentError`. */
export function loadScheduleDocument(json: unknown, source: string): ScheduleDocument {
  if (!validate(json)) throw new ScheduleDocumentError(source, (validate.errors ?? []).map(toIssue));
  const doc = json as unknown as ScheduleDocument;
  if (!knownTimeZone(doc.timeZone)) {
    throw new ScheduleDocumentError(source, [
      { path: '/timeZone', message: `"${doc.timeZone}" is not an IANA time zone such as Asia/Shanghai` },
    ]);
  }
  return doc;
}

/** The shipped defaults, validated. */
export function defaultScheduleDocument(): ScheduleDocument {
  return loadScheduleDocument(structuredClone(defaults), 'rules/schedules.defaults.json');
}

export { schema as scheduleSchema };
