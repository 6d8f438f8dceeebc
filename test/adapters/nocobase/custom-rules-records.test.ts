import { COLLECTION_DEFS, COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { commandOf } from '../../../plugin/app/catalogue.ts';
import { LOW_CONFIDENCE_RULES } from '../../../plugin/engine/custom-rules-examples.ts';
import { currentRuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { decodeRow, type Row } from '../../../plugin/records/row-codec.ts';

const toRuleVersion = (r: Row) => decodeRow('ruleVersions', r);

// Issue 19 on NocoBase: the admin's custom rules have a collection, read back, and have actions.
describe('nocobase: custom rules', () => {
  it('declares the versions collection (schema-check adds it to an older install at start)', () => {
    const def = COLLECTION_DEFS.find((d) => d.name === COLLECTIONS.ruleVersions);
    expect(def?.fields.map((f) => f.name)).toEqual([
      'version',
      'status',
      'document',
      'reason',
      'authorId',
      'createdAt',
      'publishedAt',
      'publishedById',
      'rollbackOf',
    ]);
  });

  it('reads a stored version back, the document as JSON text or as an object', () => {
    const row = {
      version: 2,
      status: 'published',
      document: JSON.stringify(LOW_CONFIDENCE_RULES),
      reason: '信心偏低',
      authorId: 'person-zhoulei',
      createdAt: '2026-06-01T00:00:00Z',
      publishedAt: '2026-06-01T00:00:00Z',
      publishedById: 'person-zhoulei',
      rollbackOf: null,
    };
    const version = toRuleVersion(row);
    expect(version.document).toEqual(LOW_CONFIDENCE_RULES);
    expect(toRuleVersion({ ...row, document: LOW_CONFIDENCE_RULES }).document).toEqual(LOW_CONFIDENCE_RULES);
    expect(currentRuleVersion([version]).version).toBe(2);
    expect(currentRuleVersion([{ ...version, status: 'proposed' }]).version).toBe(0);
  });

  it('maps the custom rules commands to actions', () => {
    expect(
      ['proposeCustomRules', 'publishCustomRules', 'discardCustomRules', 'rollbackCustomRules'].map(
        (a) => commandOf(a)?.name,
      ),
    ).toEqual(['rules.propose', 'rules.publish', 'rules.discard', 'rules.rollback']);
  });
});
