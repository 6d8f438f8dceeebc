import type { Settings } from '../domain/settings.ts';
import type { Id } from '../domain/types.ts';

/** One stored version of the settings document. */
export interface SettingsVersion {
  version: number;
  status: 'proposed' | 'published' | 'discarded';
  settings: Settings;
  reason: string;
  authorId: Id;
  createdAt: string;
  publishedAt: string | null;
  publishedById: Id | null;
  /** For a rollback, the version whose document was restored. */
  rollbackOf: number | null;
}

/** One changed leaf between two settings documents, by JSON path (`alignment.minScore`). */
export interface SettingsChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** What a proposed settings document would change on current data, before it is published. */
export interface SettingsPreview {
  at: string;
  changes: SettingsChange[];
  /** KRs whose aligned state (score >= minScore) flips. */
  alignmentFlips: {
    krId: Id;
    before: { score: number; aligned: boolean };
    after: { score: number; aligned: boolean };
  }[];
  alignmentRate: { before: number; after: number };
  /** Month colours that change. */
  colours: { krId: Id; month: string; before: string | null; after: string | null }[];
  /** Escalations that would open or no longer open. */
  escalations: { krId: Id; month: string; change: 'opened' | 'closed' }[];
  /** Pool shares of the current quarter that change (cents). */
  poolShares: { personId: Id; before: number | null; after: number | null }[];
}

/**
 * The versioned settings document. Proposals are stored but take effect only when published; every
 * version keeps author, time and reason; a rollback publishes a copy of an older version.
 */
export interface SettingsStore {
  /** The published settings in effect. */
  current(): Promise<{ version: number; settings: Settings }>;
  /** Validates and stores a proposal; throws when the document is invalid. */
  propose(settings: unknown, reason: string): Promise<SettingsVersion>;
  /** Evaluates a document (or a stored proposal by version) against current data. */
  preview(settings: unknown): Promise<SettingsPreview>;
  /** Makes a proposal the current settings. */
  publish(version: number): Promise<SettingsVersion>;
  /** Every version, newest first. */
  versions(): Promise<SettingsVersion[]>;
  /** Publishes a copy of an older version with `reason`. */
  rollback(toVersion: number, reason: string): Promise<SettingsVersion>;
}
