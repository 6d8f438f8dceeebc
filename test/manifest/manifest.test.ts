import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  assertManifestFiles,
  isSemverRange,
  isSemverVersion,
  loadManifest,
  ManifestError,
  manifestFiles,
  manifestSchema,
  missingManifestFiles,
} from '../../plugin/manifest/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${root}${file}`, 'utf8'));
const realManifest = () => readJson('manifest.json') as Record<string, unknown>;
const exists = (file: string): boolean => existsSync(`${root}${file}`);

/** The messages loadManifest throws for a document, or [] when it is accepted. */
function issuesOf(json: unknown): string[] {
  try {
    loadManifest(json);
    return [];
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

/** A copy of the real manifest changed by `edit`. */
// biome-ignore lint/suspicious/noExplicitAny: the edits build deliberately malformed documents.
function edited(edit: (m: Record<string, any>) => void): unknown {
  const copy = structuredClone(realManifest());
  edit(copy);
  return copy;
}

describe('the real manifest', () => {
  it('validates and names the pack, its version and the host contract it needs', () => {
    const manifest = loadManifest(realManifest());
    expect(manifest.id).toBe('okr-align');
    expect(isSemverVersion(manifest.version)).toBe(true);
    expect(isSemverRange(manifest.hostContract)).toBe(true);
    expect(manifest.contributes.rules.map((r) => r.file)).toEqual([
      'rules/alignment.rules.json',
      'rules/calibration.rules.json',
      'rules/alerts.rules.json',
      'rules/pool.rules.json',
    ]);
    expect(manifest.contributes.forms).toHaveLength(7);
    expect(manifest.contributes.widgets).toHaveLength(6);
  });

  it('points at manifest.schema.json, which is the typed schema written out', () => {
    expect(realManifest().$schema).toBe('./manifest.schema.json');
    expect(readJson('manifest.schema.json')).toEqual(manifestSchema);
  });

  it('references only files that exist', () => {
    const manifest = loadManifest(realManifest());
    expect(missingManifestFiles(manifest, exists).map((m) => m.file)).toEqual([]);
    expect(() => assertManifestFiles(manifest, exists)).not.toThrow();
  });
});

describe('malformed manifests are refused with specific messages', () => {
  it('a missing id', () => {
    expect(issuesOf(edited((m) => delete m.id))).toEqual(['id: missing required property "id"; add it.']);
  });

  it('a duplicate widget id', () => {
    const json = edited((m) => {
      m.contributes.widgets[1].id = m.contributes.widgets[0].id;
    });
    expect(issuesOf(json)).toContain(
      'contributes.widgets[1].id: duplicate widget id "okr-align.alignment-board" (also at contributes.widgets[0]); give each one its own id.',
    );
  });

  it('a bad semver range for the host contract, and a bad version', () => {
    const json = edited((m) => {
      m.hostContract = 'version one';
      m.version = '1.0';
    });
    expect(issuesOf(json)).toEqual([
      'version: "1.0" is not a semver version; write one such as "1.0.0".',
      'hostContract: "version one" is not a semver range; write one such as "^1.0.0" or ">=1.2.0 <2.0.0".',
    ]);
  });

  it('an unknown contribution kind', () => {
    const json = edited((m) => {
      m.contributes.themes = [];
    });
    expect(issuesOf(json)).toEqual([
      'contributes.themes: unknown contribution kind "themes"; a pack contributes only rules, settings, forms, widgets, roles, collections, pages.',
    ]);
  });

  it('an id outside the namespace or not namespaced at all', () => {
    const json = edited((m) => {
      m.contributes.rules[0].id = 'other-pack.alignment';
      m.contributes.forms[0].id = 'Objective Form';
    });
    const issues = issuesOf(json);
    expect(issues).toEqual([
      'contributes.forms[0].id: "Objective Form" is not a namespaced id; use lower-case kebab-case words joined by dots, e.g. "okr-align.key-result".',
    ]);
    const outside = issuesOf(
      edited((m) => {
        m.contributes.rules[0].id = 'other-pack.alignment';
      }),
    );
    expect(outside).toEqual([
      'contributes.rules[0].id: "other-pack.alignment" is not in the pack\'s namespace; start it with "okr-align.".',
    ]);
  });

  it('a form writing to an unknown collection and a page showing an unknown widget', () => {
    const json = edited((m) => {
      m.contributes.forms[0].collection = 'okr-align.nothing';
      m.contributes.pages[0].widget = 'okr-align.no-widget';
    });
    expect(issuesOf(json)).toEqual([
      'contributes.forms[0].collection: no collection "okr-align.nothing" is contributed; add it to contributes.collections or fix the id.',
      'contributes.pages[0].widget: no widget "okr-align.no-widget" is contributed; add it to contributes.widgets or fix the id.',
    ]);
  });

  it('a missing or duplicated role, and an unknown role', () => {
    const missing = edited((m) => {
      m.contributes.roles = m.contributes.roles.filter((r: { id: string }) => r.id !== 'hr');
      m.contributes.roles.push({ ...m.contributes.roles[0] });
    });
    expect(issuesOf(missing)).toEqual([
      'contributes.roles[4].id: duplicate role id "admin" (also at contributes.roles[0]); declare each role once.',
      'contributes.roles: role "hr" is missing; the pack\'s rules and pages need it.',
    ]);
    const unknown = edited((m) => {
      m.contributes.roles[0].id = 'root';
    });
    expect(issuesOf(unknown)[0]).toMatch(
      /^contributes\.roles\[0\]\.id: "root" is not allowed; use one of "admin", "hr"/,
    );
  });

  it('a file path that leaves the pack or sits in the wrong folder', () => {
    const json = edited((m) => {
      m.contributes.widgets[0].entry = 'widgets/../../etc/passwd.tsx';
      m.contributes.rules[0].file = 'forms/alignment.rules.json';
    });
    const issues = issuesOf(json);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(
      /^contributes\.rules\[0\]\.file: "forms\/alignment\.rules\.json" does not match/,
    );
    expect(issues[1]).toMatch(
      /^contributes\.widgets\[0\]\.entry: "widgets\/\.\.\/\.\.\/etc\/passwd\.tsx" does not match/,
    );
  });

  it('an unknown property and a missing title translation', () => {
    const json = edited((m) => {
      m.author = 'someone';
      delete m.name['en-US'];
    });
    expect(issuesOf(json)).toEqual([
      'author: unknown property "author"; remove it or fix its spelling.',
      'name.en-US: missing required property "en-US"; add it.',
    ]);
  });

  it('a message starts with the source document', () => {
    expect(() => loadManifest({}, 'packs/x/manifest.json')).toThrow(
      /^packs\/x\/manifest\.json › \$schema: missing required property/,
    );
  });
});

describe('referenced files', () => {
  it('lists every rule, settings, form and widget file, and names the missing ones with their field', () => {
    const manifest = loadManifest(realManifest());
    expect(manifestFiles(manifest)).toHaveLength(4 + 2 + 7 + 6);
    const missing = missingManifestFiles(manifest, (file) => !file.startsWith('widgets/HealthRadar'));
    expect(missing).toEqual([
      { path: 'contributes.widgets[3].entry', file: 'widgets/HealthRadar/index.tsx' },
    ]);
    expect(() => assertManifestFiles(manifest, () => false)).toThrow(
      'manifest.json › contributes.rules[0].file: file "rules/alignment.rules.json" does not exist in the pack; add it or fix the path.',
    );
  });
});

describe('semver', () => {
  it.each([
    '^1.0.0',
    '~1.2',
    '>=1.2.0 <2.0.0',
    '1.x',
    '*',
    '^1.0.0 || ^2.0.0',
    '1.0.0 - 1.4.0',
    '=1.0.0-beta.1',
  ])('accepts the range %s', (range) => expect(isSemverRange(range)).toBe(true));
  it.each(['', 'latest', '^1.0.0 ||', '>= 1.0.0', '1.0.0 -', '^01.0.0', 'v1'])(
    'refuses the range %j',
    (range) => expect(isSemverRange(range)).toBe(false),
  );
  it('checks versions', () => {
    expect(isSemverVersion('1.0.0')).toBe(true);
    expect(isSemverVersion('1.0.0-rc.1+build.5')).toBe(true);
    expect(isSemverVersion('1.0')).toBe(false);
    expect(isSemverVersion('^1.0.0')).toBe(false);
  });
});
