import alerts from '../../rules/alerts.rules.json' with { type: 'json' };
import alignment from '../../rules/alignment.rules.json' with { type: 'json' };
import calibration from '../../rules/calibration.rules.json' with { type: 'json' };
import pool from '../../rules/pool.rules.json' with { type: 'json' };
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };
import type { Settings } from '../domain/settings.ts';
import { loadRules, type RuleFileInput } from './load-rules.ts';
import { loadSettings } from './load-settings.ts';
import type { RuleSet } from './rule-types.ts';

/** The rule files shipped in `rules/`, named by their path in the repository. */
export const DEFAULT_RULE_FILES: readonly RuleFileInput[] = [
  { name: 'rules/alignment.rules.json', json: alignment },
  { name: 'rules/calibration.rules.json', json: calibration },
  { name: 'rules/alerts.rules.json', json: alerts },
  { name: 'rules/pool.rules.json', json: pool },
];

let cached: RuleSet | undefined;

/** The shipped rule files, validated and compiled once. */
export function defaultRuleSet(): RuleSet {
  cached ??= loadRules(DEFAULT_RULE_FILES);
  return cached;
}

/** The shipped defaults (`rules/settings.defaults.json`), validated; a fresh copy each call. */
export function defaultSettings(): Settings {
  return loadSettings(structuredClone(settingsDefaults), 'rules/settings.defaults.json');
}
