import { bumpRowVersion, VERSIONED } from '../../../adapters/nocobase/server/row-versions.ts';

const row = (version: number, setByWriter: boolean) => {
  const values: Record<string, unknown> = { version };
  return {
    values,
    changed: (key: string) => key === 'version' && setByWriter,
    get: (key: string) => values[key],
    set: (key: string, value: unknown) => {
      values[key] = value;
    },
  };
};

describe('row versions of raw edits', () => {
  it('bumps the version of an update that does not set it, and saves that field too', () => {
    const r = row(4, false);
    const options = { fields: ['evidence'] };
    bumpRowVersion(r, options);
    expect(r.values.version).toBe(5);
    expect(options.fields).toEqual(['evidence', 'version']);
  });

  it("leaves the pack's own versioned writes alone", () => {
    const r = row(5, true);
    const options = { fields: ['weight', 'version'] };
    bumpRowVersion(r, options);
    expect(r.values.version).toBe(5);
    expect(options.fields).toEqual(['weight', 'version']);
    // Every versioned record kind of the pack's record schema, peer-review windows included.
    expect([...VERSIONED].sort()).toEqual([
      'okr_escalations',
      'okr_form_overlays',
      'okr_key_results',
      'okr_kr_links',
      'okr_notify_webhooks',
      'okr_objectives',
      'okr_peer_review_windows',
      'okr_people',
      'okr_pool_runs',
    ]);
  });
});
