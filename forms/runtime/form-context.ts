import type {
  Cycle,
  Escalation,
  Id,
  IsoDateTime,
  KeyResult,
  Objective,
  Settings,
} from '../../plugin/domain/index.ts';
import type { Lang } from './form-ids.ts';
import type { EnumOption } from './schema-node.ts';

/** Option lists a schema can name with `x-data-source`. */
export type DataSourceName =
  | 'people'
  | 'regions'
  | 'cycles'
  | 'objectives'
  | 'focusTags'
  | 'cycleMonths'
  | 'quarters';

/**
 * What a page passes to a form: language, settings and the data the form refers to. Which keys a
 * form needs is listed in its behaviour (`needs`); a missing one is an early, named error.
 */
export interface FormContext {
  settings: Settings;
  /** zh-CN when absent. */
  lang?: Lang;
  /** "Now" for new links, rationale and resolution times; the current time when absent. */
  now?: IsoDateTime;
  /** Option lists by data-source name; objectives, focus tags, months and quarters are derived when absent. */
  options?: Partial<Record<DataSourceName, EnumOption[]>>;
  /** The record being edited (its `custom` object holds the values of HR's added fields). */
  record?: object;
  /** Strategic Objectives a KR can link to (key-result form). */
  objectives?: Objective[];
  /** The KR being checked in (check-in form). */
  keyResult?: KeyResult;
  /** The cycle of the form's data (check-in, activity, peer-review, pool-run forms). */
  cycle?: Cycle;
  /** The signed-in person writing a peer review. */
  reviewerId?: Id;
  /** The escalation being resolved. */
  escalation?: Escalation;
}

/** Values of HR's added fields, stored with the record as `record.custom`. */
export type CustomValues = Record<string, unknown>;
