import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../plugin/engine/errors.ts';
import { loadSettings } from '../../plugin/engine/load-settings.ts';
import { SettingsStore } from '../../plugin/engine/stores.ts';
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };

type Doc = Record<string, Record<string, unknown>>;

function withChange(change: (doc: Doc) => void): unknown {
  const doc = structuredClone(settingsDefaults) as unknown as Doc;
  change(doc);
  return doc;
}

function messageOf(json: unknown): string {
  try {
    loadSettings(json, 'settings.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('loadSettings', () => {
  it('accepts the shipped defaults', () => {
    expect(loadSettings(structuredClone(settingsDefaults), 'defaults').alignment.minScore).toBe(60);
  });

  it.each([
    [
      'a value above its maximum',
      (d: Doc) => {
        d.alignment!.minScore = 150;
      },
      'settings.json › alignment.minScore: must be at most 100 (got 150)',
    ],
    [
      'a value below its minimum',
      (d: Doc) => {
        d.calibration!.amberStreakToEscalate = 0;
      },
      'settings.json › calibration.amberStreakToEscalate: must be at least 1 (got 0)',
    ],
    [
      'weights that do not add up to 100',
      (d: Doc) => {
        (d.alignment!.weights as Record<string, number>).linked = 45;
      },
      'settings.json › alignment.weights: linked 45 + focusMatch 20 + rationale 25 + managerConfirmed 15 = 105; these must add up to 100',
    ],
    [
      'peer and system weights that do not add up to 100',
      (d: Doc) => {
        d.contribution!.peerWeight = 50;
      },
      'settings.json › contribution: peerWeight 50 + systemWeight 60 = 110; these must add up to 100',
    ],
    [
      'bands out of order',
      (d: Doc) => {
        d.calibration!.amberMinPacePercent = 95;
      },
      'settings.json › calibration: amberMinPacePercent (95) must not be above greenMinPacePercent (90)',
    ],
    [
      'a value of the wrong type',
      (d: Doc) => {
        d.alerts!.keyClientGapDays = '90';
      },
      'settings.json › alerts.keyClientGapDays: must be an integer (got "90")',
    ],
    [
      'a fractional value where an integer is expected',
      (d: Doc) => {
        d.pool!.ratePercent = 15.5;
      },
      'settings.json › pool.ratePercent: must be an integer (got 15.5)',
    ],
    [
      'a missing setting',
      (d: Doc) => {
        delete d.pool!.ratePercent;
      },
      'settings.json › pool.ratePercent: required field is missing',
    ],
    [
      'an unknown setting',
      (d: Doc) => {
        d.alerts!.keyClientGapDay = 90;
      },
      'settings.json › alerts.keyClientGapDay: is not a known field (did you mean "keyClientGapDays"?)',
    ],
    [
      'a wrong schema version',
      (d: Doc) => {
        (d as Record<string, unknown>).schemaVersion = 2;
      },
      'settings.json › schemaVersion: must be 1 (got 2)',
    ],
  ])('refuses %s with an exact message', (_, change, message) => {
    expect(messageOf(withChange(change))).toBe(message);
  });

  it('lists every problem and keeps them in .issues', () => {
    const json = withChange((d) => {
      d.alignment!.minScore = -1;
      d.alerts!.krStaleDays = 'x';
    });
    try {
      loadSettings(json, 'edited');
      expect.unreachable();
    } catch (error) {
      expect((error as SettingsError).issues).toEqual([
        { path: 'alignment.minScore', message: 'must be at least 0 (got -1)' },
        { path: 'alerts.krStaleDays', message: 'must be an integer (got "x")' },
      ]);
    }
  });

  it('refuses a document that is not an object', () => {
    expect(messageOf([])).toBe('settings.json: must be an object (got [])');
  });
});

describe('SettingsStore', () => {
  it('keeps the last good settings when a candidate is bad', () => {
    const store = new SettingsStore(structuredClone(settingsDefaults));
    const good = withChange((d) => {
      d.alignment!.minScore = 70;
    });
    expect(store.propose(good, 'v2')).toMatchObject({ ok: true, version: 2 });
    const bad = withChange((d) => {
      d.alignment!.minScore = 700;
    });
    const result = store.propose(bad, 'v3');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe('v3 › alignment.minScore: must be at most 100 (got 700)');
    expect(store.current().alignment.minScore).toBe(70);
    expect(store.version()).toBe(2);
  });

  it('refuses bad initial settings', () => {
    expect(() => new SettingsStore({}, 'boot')).toThrow(SettingsError);
  });
});
