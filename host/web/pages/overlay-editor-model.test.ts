import { mergeOverlay, packSchema, validateOverlay } from '../../../forms/runtime/index.ts';
import {
  draftFromOverlay,
  editorFields,
  fieldNameFor,
  moveField,
  overlayFromDraft,
} from './overlay-editor-model.ts';

describe('forms editor model', () => {
  it('builds an overlay the forms runtime accepts and applies', () => {
    let draft = draftFromOverlay('check-in', null);
    draft = {
      ...draft,
      added: [
        {
          op: 'add',
          name: 'customerName',
          type: 'text',
          title: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
        },
      ],
      hidden: ['blockers'],
      relabels: { value: { 'zh-CN': '月末数值', 'en-US': 'Month-end value' } },
    };
    draft = moveField(draft, 'en-US', 'custom.customerName', -1);
    const overlay = overlayFromDraft(draft);
    expect(validateOverlay(overlay, 'en-US')).toEqual([]);
    const merged = mergeOverlay(packSchema('check-in'), overlay, 'en-US');
    expect(merged.problems).toEqual([]);
    const keys = Object.keys(merged.schema.properties ?? {});
    expect(keys.indexOf('custom.customerName')).toBe(keys.length - 2);
    expect(merged.schema.properties?.blockers?.['x-display']).toBe('hidden');
    expect(merged.schema.properties?.value?.title).toBe('月末数值');
  });

  it('reads a stored overlay back into the same draft', () => {
    const stored = {
      formId: 'check-in',
      entries: [
        { op: 'hide', field: 'blockers' },
        { op: 'require', field: 'colourNote' },
        { op: 'reorder', order: ['value', 'month'] },
      ],
    };
    const draft = draftFromOverlay('check-in', stored);
    expect(draft.hidden).toEqual(['blockers']);
    expect(draft.others).toEqual([{ op: 'require', field: 'colourNote' }]);
    expect(overlayFromDraft(draft).entries).toEqual([
      stored.entries[0],
      stored.entries[1],
      stored.entries[2],
    ]);
    expect(editorFields(draft, 'zh-CN')[0]?.key).toBe('value');
  });

  it('marks required and core fields as not hideable', () => {
    const fields = editorFields(draftFromOverlay('check-in', null), 'zh-CN');
    expect(fields.find((f) => f.key === 'value')?.locked).toBe(true);
    expect(fields.find((f) => f.key === 'blockers')?.locked).toBe(false);
  });
});

describe('the stored name of a new field', () => {
  it('comes from the English label, or is custom_<n>, and never repeats one the form has', () => {
    expect(fieldNameFor('Resource owner', [])).toBe('resourceOwner');
    expect(fieldNameFor('Resource owner', ['resourceOwner'])).toBe('resourceOwner2');
    expect(fieldNameFor('', [])).toBe('custom_1');
    expect(fieldNameFor('客户', ['custom_1'])).toBe('custom_2');
    expect(fieldNameFor('2nd visit', [])).toBe('custom_1');
    expect(fieldNameFor('x'.repeat(80), [])).toMatch(/^[a-z][A-Za-z0-9_]{0,39}$/);
  });
});
