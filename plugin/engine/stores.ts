import type { Settings } from '../domain/settings.ts';
import { RuleFileError, type SettingsError } from './errors.ts';
import { loadRules, type RuleFileInput } from './load-rules.ts';
import { loadSettings } from './load-settings.ts';
import type { RuleSet } from './rule-types.ts';

/** The outcome of offering a new version to a store. */
export type Proposal<T, E> =
  | { ok: true; value: T; version: number }
  | { ok: false; error: E; version: number };

/**
 * Holds the last good settings. A candidate that fails validation is refused and the current
 * settings stay in force.
 */
export class SettingsStore {
  #current: Settings;
  #version = 1;

  constructor(initial: unknown, source = 'settings') {
    this.#current = loadSettings(initial, source);
  }

  /** The settings in force. */
  current(): Settings {
    return this.#current;
  }

  /** Number of accepted versions, starting at 1. */
  version(): number {
    return this.#version;
  }

  /** Validates `json`; replaces the current settings only when it is valid. */
  propose(json: unknown, source: string): Proposal<Settings, SettingsError> {
    try {
      this.#current = loadSettings(json, source);
      this.#version += 1;
      return { ok: true, value: this.#current, version: this.#version };
    } catch (error) {
      if (error instanceof Error && error.name === 'SettingsError') {
        return { ok: false, error: error as SettingsError, version: this.#version };
      }
      throw error;
    }
  }
}

/**
 * Holds the last good rule files, by file name. A candidate file is validated together with the
 * other current files (rule names are unique across files); a bad candidate is refused and the
 * current rule set stays in force.
 */
export class RuleStore {
  #files: Map<string, RuleFileInput>;
  #ruleSet: RuleSet;
  #version = 1;

  constructor(files: readonly RuleFileInput[]) {
    this.#ruleSet = loadRules(files);
    this.#files = new Map(files.map((file) => [file.name, file]));
  }

  /** The compiled rule set in force. */
  current(): RuleSet {
    return this.#ruleSet;
  }

  version(): number {
    return this.#version;
  }

  /** Adds or replaces one file when the resulting set is valid. */
  propose(file: RuleFileInput): Proposal<RuleSet, RuleFileError> {
    const candidate = new Map(this.#files);
    candidate.set(file.name, file);
    return this.#tryReplace(candidate);
  }

  /** Removes one file when the remaining set is valid. */
  remove(name: string): Proposal<RuleSet, RuleFileError> {
    const candidate = new Map(this.#files);
    candidate.delete(name);
    return this.#tryReplace(candidate);
  }

  #tryReplace(candidate: Map<string, RuleFileInput>): Proposal<RuleSet, RuleFileError> {
    try {
      const ruleSet = loadRules([...candidate.values()]);
      this.#files = candidate;
      this.#ruleSet = ruleSet;
      this.#version += 1;
      return { ok: true, value: ruleSet, version: this.#version };
    } catch (error) {
      if (error instanceof RuleFileError) return { ok: false, error, version: this.#version };
      throw error;
    }
  }
}
