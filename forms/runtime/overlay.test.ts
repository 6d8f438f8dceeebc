import { describe, expect, it } from 'vitest';
import { localizeSchema } from './locale.ts';
import { type FormOverlay, mergeOverlay, validateOverlay } from './overlay.ts';
import { packSchema } from './pack-schemas.ts';
import { findNode, type SchemaNode } from './schema-node.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const keysOf = (schema: SchemaNode) => Object.keys(schema.properties ?? {});

describe('mergeOverlay', () => {
  it('returns an equal copy without an overlay and never changes its inputs', () => {
    const pack = packSchema('key-result');
    const before = JSON.stringify(pack);
    const overlay: FormOverlay = { formId: 'key-result', entries: [{ op: 'hide', field: 'evidence' }] };
    const overlayBefore = JSON.stringify(overlay);
    expect(mergeOverlay(pack, null)).toEqual({ schema: pack, problems: [] });
    const merged = mergeOverlay(pack, overlay);
    expect(merged.schema).not.toBe(pack);
    expect(JSON.stringify(pack)).toBe(before);
    expect(JSON.stringify(overlay)).toBe(overlayBefore);
  });

  it('adds text, number, select and date fields under custom.*, after an anchor or at the end', () => {
    const { schema, problems } = mergeOverlay(packSchema('check-in'), {
      formId: 'check-in',
      entries: [
        { op: 'add', name: 'customer', type: 'text', title: label('客户', 'Customer'), after: 'value' },
        { op: 'add', name: 'visits', type: 'number', title: label('拜访', 'Visits'), required: true },
        {
          op: 'add',
          name: 'channel',
          type: 'select',
          title: label('渠道', 'Channel'),
          options: [
            { value: 'direct', label: label('直销', 'Direct') },
            { value: 'partner', label: label('伙伴', 'Partner') },
          ],
        },
        { op: 'add', name: 'nextVisit', type: 'date', title: label('下次拜访', 'Next visit') },
      ],
    });
    expect(problems).toEqual([]);
    const keys = keysOf(schema);
    expect(keys.slice(0, 3)).toEqual(['month', 'value', 'custom.customer']);
    expect(keys.slice(-3)).toEqual(['custom.visits', 'custom.channel', 'custom.nextVisit']);
    expect(schema.properties?.['custom.customer']?.['x-component']).toBe('Input');
    expect(schema.properties?.['custom.visits']).toMatchObject({
      'x-component': 'NumberPicker',
      required: true,
    });
    expect(schema.properties?.['custom.nextVisit']?.['x-component']).toBe('DatePicker');
    const en = localizeSchema(schema, 'check-in', 'en-US');
    expect(en.properties?.['custom.channel']).toMatchObject({
      title: 'Channel',
      enum: [
        { label: 'Direct', value: 'direct' },
        { label: 'Partner', value: 'partner' },
      ],
    });
    expect(localizeSchema(schema, 'check-in', 'zh-CN').properties?.['custom.channel']?.title).toBe('渠道');
  });

  it('hides, relabels (both languages, keeping option translations), requires and reorders', () => {
    const { schema, problems } = mergeOverlay(packSchema('key-result'), {
      formId: 'key-result',
      entries: [
        { op: 'hide', field: 'evidence' },
        {
          op: 'relabel',
          field: 'metric',
          title: label('口径', 'Measure'),
          description: label('说明', 'Help'),
        },
        { op: 'require', field: 'unit' },
        { op: 'require', field: 'links.weight' },
        { op: 'reorder', order: ['unit', 'title'] },
      ],
    });
    expect(problems).toEqual([]);
    expect(findNode(schema, 'evidence')?.['x-display']).toBe('hidden');
    expect(findNode(schema, 'unit')?.required).toBe(true);
    const keys = keysOf(schema);
    // The named fields swap slots; everything else keeps its place.
    expect(keys[0]).toBe('unit');
    expect(keys.indexOf('title')).toBe(packKeys('key-result').indexOf('unit'));
    expect(keys.slice(1, 5)).toEqual(packKeys('key-result').slice(1, 5));
    const en = localizeSchema(schema, 'key-result', 'en-US');
    expect(findNode(en, 'metric')).toMatchObject({ title: 'Measure', description: 'Help' });
    expect(findNode(en, 'metric')?.enum).toContainEqual({ label: 'Milestone', value: 'milestone' });
    expect(findNode(schema, 'metric')?.title).toBe('口径');
  });

  it('reports a broken entry among good ones and still applies the good ones', () => {
    const { schema, problems } = mergeOverlay(packSchema('key-result'), {
      formId: 'key-result',
      entries: [
        { op: 'relabel', field: 'unit', title: label('计量单位', 'Unit of measure') },
        { op: 'hide', field: 'removedInNewPack' },
        { op: 'hide', field: 'title' },
        { op: 'hide', field: 'rationale' },
        { op: 'require', field: 'links' },
        { op: 'add', name: 'region', type: 'text', title: label('区域', 'Region'), after: 'gone' },
        { op: 'add', name: 'region', type: 'text', title: label('区域2', 'Region 2') },
        { op: 'hide', field: 'evidence' },
        { op: 'reorder', order: ['evidence', 'ghost', 'links.weight', 'title'] },
      ],
    });
    expect(problems.map((p) => [p.index, p.code, p.skipped])).toEqual([
      [1, 'unknown-field', true],
      [2, 'hide-required', true],
      [3, 'hide-required', true],
      [4, 'not-a-field', true],
      [5, 'unknown-anchor', false],
      [6, 'duplicate-field', true],
      [8, 'unknown-order-field', false],
      [8, 'order-not-top-level', false],
    ]);
    expect(problems[0]?.message).toBe(
      '第 2 项（隐藏）引用的字段 removedInNewPack 在当前表单中不存在（可能已被新版本移除），此项未应用。',
    );
    expect(problems[1]?.message).toContain('title');
    expect(findNode(schema, 'unit')?.title).toBe('计量单位');
    expect(findNode(schema, 'title')?.['x-display']).toBeUndefined();
    expect(findNode(schema, 'rationale')?.['x-display']).toBeUndefined();
    expect(findNode(schema, 'evidence')?.['x-display']).toBe('hidden');
    expect(findNode(schema, 'custom.region')?.title).toBe('区域');
    expect(keysOf(schema)[0]).toBe('evidence');
  });

  it('writes problems in English when asked', () => {
    const { problems } = mergeOverlay(
      packSchema('objective'),
      { formId: 'objective', entries: [{ op: 'hide', field: 'ownerId' }] },
      'en-US',
    );
    expect(problems[0]?.message).toBe(
      'Entry 1 (hide): ownerId is a required or core field of the pack and cannot be hidden. The entry was not applied.',
    );
  });

  it('refuses an overlay for another form or of the wrong shape as a whole', () => {
    const pack = packSchema('objective');
    const wrong = mergeOverlay(pack, { formId: 'activity', entries: [{ op: 'hide', field: 'title' }] });
    expect(wrong.problems).toMatchObject([{ code: 'wrong-form', index: null, skipped: true }]);
    expect(wrong.schema).toEqual(pack);
    expect(mergeOverlay(pack, 'hide everything').problems[0]?.code).toBe('invalid');
    expect(mergeOverlay(pack, { formId: 'objective' }).problems[0]?.code).toBe('invalid');
  });

  it('refuses the whole overlay when any key or string contains {{', () => {
    const pack = packSchema('objective');
    for (const overlay of [
      { formId: 'objective', entries: [{ op: 'relabel', field: 'title', title: label('{{ 1 }}', 'x') }] },
      {
        formId: 'objective',
        entries: [{ op: 'add', name: 'a', type: 'text', title: label('a', 'b'), '{{x}}': 1 }],
      },
      { formId: 'objective', entries: [{ op: 'hide', field: 'weight' }], note: 'see {{ globalThis }}' },
    ]) {
      const { schema, problems } = mergeOverlay(pack, overlay);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'expression', index: null, skipped: true });
      expect(problems[0]?.message).toContain('{{');
      expect(schema).toEqual(pack);
    }
  });

  it('refuses entries that try to carry behaviour, whatever their content', () => {
    const { schema, problems } = mergeOverlay(packSchema('objective'), {
      formId: 'objective',
      entries: [
        {
          op: 'relabel',
          field: 'title',
          title: label('名称', 'Name'),
          'x-reactions': { fulfill: { run: 'x()' } },
        },
        { op: 'add', name: 'a', type: 'text', title: label('甲', 'A'), 'x-component': 'Evil' },
        { op: 'add', name: 'b', type: 'text', title: label('乙', 'B'), validator: 'alert(1)' },
        { op: 'add', name: 'c', type: 'text', title: label('丙', 'C'), default: 'x' },
        { op: 'add', name: 'd', type: 'select', title: label('丁', 'D') },
        { op: 'explode' },
        { op: 'add', name: 'ok', type: 'text', title: label('好', 'Fine') },
      ],
    });
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'forbidden-key'],
      [1, 'forbidden-key'],
      [2, 'forbidden-key'],
      [3, 'entry-invalid'],
      [4, 'entry-invalid'],
      [5, 'entry-invalid'],
    ]);
    expect(problems[0]?.message).toContain('x-reactions');
    expect(problems[3]?.message).toContain('default');
    expect(findNode(schema, 'title')?.title).toBe('目标名称');
    expect(keysOf(schema).filter((k) => k.startsWith('custom.'))).toEqual(['custom.ok']);
  });
});

describe('validateOverlay (forms/overlay.schema.json)', () => {
  it('accepts a well-formed overlay', () => {
    expect(
      validateOverlay({
        formId: 'peer-review',
        entries: [
          { op: 'add', name: 'project', type: 'text', title: label('项目', 'Project'), multiline: true },
          { op: 'reorder', order: ['comment', 'custom.project'] },
        ],
      }),
    ).toEqual([]);
  });

  it('names what is wrong', () => {
    const problems = validateOverlay({ formId: 'peer-review', entries: [{ op: 'hide' }], extra: 1 }, 'en-US');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^The overlay is malformed: .*extra/);
    expect(validateOverlay({ formId: 'x', entries: [{ op: 'hide', field: '{{a}}' }] })[0]?.code).toBe(
      'expression',
    );
  });
});

const packKeys = (formId: Parameters<typeof packSchema>[0]) => keysOf(packSchema(formId));
