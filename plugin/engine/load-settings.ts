import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };
import type { Settings } from '../domain/settings.ts';
import { createAjv } from './ajv.ts';
import { issuesFromAjv } from './ajv-issues.ts';
import { SettingsError } from './errors.ts';

const validateSettings = createAjv().compile<Settings>(settingsSchema);

/**
 * Checks a settings document against `rules/settings.schema.json` (types, ranges, x-sum, x-ascending).
 * @param json the parsed document
 * @param source where it came from, used as the prefix of every message (e.g. a file name)
 * @throws SettingsError listing every problem, each with the field path
 */
export function loadSettings(json: unknown, source: string): Settings {
  if (validateSettings(json)) return json;
  throw new SettingsError(source, issuesFromAjv(validateSettings.errors));
}
