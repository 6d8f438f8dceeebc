import { describe, expect, it } from 'vitest';
import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };
import { FORM_IDS } from './form-ids.ts';
import { fieldTranslation, localizeSchema, t } from './locale.ts';
import { packSchema } from './pack-schemas.ts';
import { findNode, walkNodes } from './schema-node.ts';

const keyPaths = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

describe('locale files', () => {
  it('have the same message keys in zh-CN and en-US', () => {
    const { forms: _forms, ...enMessages } = enUS;
    expect(keyPaths(enMessages).sort()).toEqual(keyPaths(zhCN).sort());
  });

  it('translate every titled field, help text and option of every pack form to en-US', () => {
    for (const id of FORM_IDS) {
      walkNodes(packSchema(id), (node, path) => {
        if (node['x-settings-ref']) return;
        const tr = fieldTranslation('en-US', id, path);
        if (node.title) expect(tr?.title, `${id} ${path}`).toBeTruthy();
        if (node.description) expect(tr?.description, `${id} ${path} description`).toBeTruthy();
        for (const option of node.enum ?? []) {
          if (typeof option === 'object' && option && 'label' in option)
            expect(
              tr?.enum?.[String((option as unknown as { value: unknown }).value)],
              `${id} ${path}`,
            ).toBeTruthy();
        }
      });
    }
  });

  it('has no translation for a field the schemas do not have', () => {
    for (const id of FORM_IDS) {
      const schema = packSchema(id);
      for (const path of Object.keys(enUS.forms[id].fields))
        expect(findNode(schema, path), `${id} ${path}`).toBeDefined();
    }
  });
});

describe('t and localizeSchema', () => {
  it('fills placeholders and falls back to the key', () => {
    expect(t('en-US', 'alignment.score', { score: 45, min: 60 })).toBe('Alignment score 45 (minimum 60)');
    expect(t('zh-CN', 'no.such.key')).toBe('no.such.key');
  });

  it('translates titles, help and option labels of a form, leaving zh-CN as written', () => {
    const en = localizeSchema(packSchema('check-in'), 'check-in', 'en-US');
    expect(en.title).toBe('Monthly check-in');
    expect(findNode(en, 'resourceRequest.kind')?.enum?.[0]).toEqual({ label: 'People', value: 'people' });
    expect(findNode(en, 'colourNote')?.description).toMatch(/^When your colour differs/);
    expect(localizeSchema(packSchema('check-in'), 'check-in', 'zh-CN')).toEqual(packSchema('check-in'));
  });
});
