import { createHostContext } from '../../../adapters/nocobase/server/host-context.ts';
import type { Tables } from '../../../adapters/nocobase/server/tables.ts';
import manifestJson from '../../../manifest.json' with { type: 'json' };
import { activate } from '../../../plugin/activate.ts';
import { loadManifest } from '../../../plugin/manifest/index.ts';

// activate() only registers; it never touches storage, so tables that refuse every call prove that.
const refuse = () => {
  throw new Error('storage must not be used during activate');
};
const noStorage: Tables = {
  find: refuse,
  findOne: refuse,
  create: refuse,
  update: refuse,
  updateWhere: refuse,
  destroy: refuse,
  transaction: refuse,
};
const clock = { today: () => '2026-03-31', now: () => '2026-03-31T00:00:00Z' };

describe('nocobase host context', () => {
  it('lets the pack activate itself and maps every manifest collection to a NocoBase collection', () => {
    const { ctx, registered } = createHostContext(noStorage, clock, '2.2.15');
    activate(ctx);
    const manifest = loadManifest(manifestJson);
    expect(registered.registerCollection.map((c) => c.id)).toEqual(
      manifest.contributes.collections.map((c) => c.id),
    );
    expect(registered.registerCollection.every((c) => String(c.nocobaseCollection).startsWith('okr_'))).toBe(
      true,
    );
    expect(registered.registerWidget).toHaveLength(manifest.contributes.widgets.length);
  });

  it('refuses a manifest collection it has no table for, saying where to add it', () => {
    const { ctx } = createHostContext(noStorage, clock, '2.2.15');
    const manifest = loadManifest(manifestJson);
    manifest.contributes.collections.push({
      ...manifest.contributes.collections[0]!,
      id: 'okr-align.x',
      entity: 'Nope' as never,
    });
    expect(() => activate(ctx, manifest)).toThrow(/okr-align.x \(Nope\) has no NocoBase collection/);
  });
});
