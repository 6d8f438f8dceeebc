import { describe, expect, it } from 'vitest';
import type { Settings } from '../../plugin/domain/settings.ts';
import { loadSettings } from '../../plugin/engine/load-settings.ts';
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };

/** Dotted paths of every leaf of T, e.g. `alignment.weights.linked`. */
type Leaves<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Record<string, unknown>
    ? `${K}.${Leaves<NonNullable<T[K]>>}`
    : K;
}[keyof T & string];

// Checked both ways by tsc against the Settings type, and at run time against the schema and defaults.
const SETTINGS_LEAVES = [
  'schemaVersion',
  'alignment.minScore',
  'alignment.minRationaleLength',
  'alignment.weights.linked',
  'alignment.weights.focusMatch',
  'alignment.weights.rationale',
  'alignment.weights.managerConfirmed',
  'calibration.greenMinPacePercent',
  'calibration.amberMinPacePercent',
  'calibration.amberStreakToEscalate',
  'calibration.checkinDueDay',
  'alerts.keyClientGapDays',
  'alerts.krStaleDays',
  'alerts.escalationResponseTargetDays',
  'peerReview.minReviewers',
  'peerReview.trimMinReviewers',
  'peerReview.maxRevieweesPerPerson',
  'peerReview.maxCrossRegionReviewers',
  'contribution.peerWeight',
  'contribution.systemWeight',
  'contribution.crossRegionBonusPercent',
  'contribution.progressCapPercent',
  'pool.ratePercent',
  'pool.floorPercentOfEqualShare',
  'pool.capPercentOfEqualShare',
  'pool.minContribution',
  'pool.tenure.mode',
  'pool.tenure.minDays',
  'health.signedDealsPerMonth',
  'health.clientVisitsPerMonth',
  'health.proposalConversionPercent',
  'health.keyClientCoveragePercent',
  'health.highMarginSharePercent',
] as const satisfies readonly Leaves<Settings>[];
type MissingFromList = Exclude<Leaves<Settings>, (typeof SETTINGS_LEAVES)[number]>;
const everyTypeLeafListed: [MissingFromList] extends [never] ? true : MissingFromList = true;

interface SchemaNode {
  type?: string;
  const?: unknown;
  title?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  'x-i18n'?: Record<string, { title?: string; description?: string; enumTitles?: string[] }>;
  properties?: Record<string, SchemaNode>;
}

function schemaLeaves(node: SchemaNode, prefix = ''): [string, SchemaNode][] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return child.properties === undefined
      ? [[path, child] as [string, SchemaNode]]
      : schemaLeaves(child, path);
  });
}

function valueLeaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    valueLeaves(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function valueAt(document: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
}

const leaves = schemaLeaves(settingsSchema as SchemaNode);

describe('settings: type, schema and defaults agree', () => {
  it('has the same leaves in the Settings type, the schema and the defaults', () => {
    expect(everyTypeLeafListed).toBe(true);
    const listed = [...SETTINGS_LEAVES].sort();
    expect(leaves.map(([path]) => path).sort()).toEqual(listed);
    expect(valueLeaves(settingsDefaults).sort()).toEqual(listed);
  });

  it('ships defaults that validate against the schema', () => {
    expect(() =>
      loadSettings(structuredClone(settingsDefaults), 'rules/settings.defaults.json'),
    ).not.toThrow();
  });

  const choiceLeaves = leaves.filter(([, node]) => node.enum !== undefined);
  it.each(choiceLeaves)(
    '%s (a choice) has titles for each value in both languages and a listed default',
    (path, node) => {
      expect(node.title, 'title').toEqual(expect.any(String));
      expect(node['x-i18n']?.['en-US']?.title, 'x-i18n en-US title').toEqual(expect.any(String));
      for (const lang of ['zh-CN', 'en-US'])
        expect(node['x-i18n']?.[lang]?.enumTitles, `${lang} enumTitles`).toHaveLength(node.enum!.length);
      expect(node.enum).toContain(node.default);
      expect(node.default).toBe(valueAt(settingsDefaults, path));
    },
  );

  it.each(leaves.filter(([path, node]) => path !== 'schemaVersion' && node.enum === undefined))(
    '%s has title, description, en-US title and description, default, minimum and maximum',
    (path, node) => {
      expect(node.title, 'title').toEqual(expect.any(String));
      expect(node.description, 'description').toEqual(expect.any(String));
      expect(node['x-i18n']?.['en-US']?.title, 'x-i18n en-US title').toEqual(expect.any(String));
      expect(node['x-i18n']?.['en-US']?.description, 'x-i18n en-US description').toEqual(expect.any(String));
      expect(node.minimum, 'minimum').toEqual(expect.any(Number));
      expect(node.maximum, 'maximum').toEqual(expect.any(Number));
      expect(node.minimum!).toBeLessThanOrEqual(node.maximum!);
      expect(node.default, 'default').toBe(valueAt(settingsDefaults, path));
      expect(node.default as number).toBeGreaterThanOrEqual(node.minimum!);
      expect(node.default as number).toBeLessThanOrEqual(node.maximum!);
    },
  );

  it('schemaVersion is a constant with its default, title and descriptions', () => {
    const [, node] = leaves.find(([path]) => path === 'schemaVersion')!;
    expect(node.const).toBe(1);
    expect(node.default).toBe(settingsDefaults.schemaVersion);
    expect(node.title).toEqual(expect.any(String));
    expect(node.description).toEqual(expect.any(String));
    expect(node['x-i18n']?.['en-US']?.title).toEqual(expect.any(String));
    expect(node['x-i18n']?.['en-US']?.description).toEqual(expect.any(String));
  });
});
