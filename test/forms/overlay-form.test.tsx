// @vitest-environment jsdom
import { createForm } from '@formily/core';
import { FormProvider } from '@formily/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FormOverlay } from '../../forms/runtime/overlay.ts';
import { PackForm } from '../../forms/runtime/react/pack-form.tsx';
import { PACK_COMPONENTS, PackSchemaField } from '../../forms/runtime/react/schema-field.ts';
import { FORM_TEST_IDS } from '../../forms/runtime/react/test-ids.ts';
import { ALLOWED_COMPONENTS, ALLOWED_DECORATORS } from '../../forms/runtime/safe-schema.ts';
import { makeObjective } from '../../plugin/domain/test-factories.ts';
import { choose, errorOf, fill, makeContext, queryItem, renderForm, submit } from './helpers.tsx';

afterEach(cleanup);
// Full antd renders on a shared two-core machine: the first one in a file also warms up imports.
vi.setConfig({ testTimeout: 60_000 });

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const fieldLabels = () =>
  [...document.querySelectorAll('.ant-formily-item-label label')].map((l) => l.textContent);

const hrOverlay: FormOverlay = {
  formId: 'objective',
  entries: [
    {
      op: 'add',
      name: 'region',
      type: 'text',
      title: label('所属大区', 'Region'),
      required: true,
      after: 'title',
    },
    {
      op: 'add',
      name: 'priority',
      type: 'select',
      title: label('优先级', 'Priority'),
      options: [
        { value: 'high', label: label('高', 'High') },
        { value: 'normal', label: label('普通', 'Normal') },
      ],
    },
    { op: 'add', name: 'budget', type: 'number', title: label('预算（万元）', 'Budget (10k CNY)') },
    { op: 'add', name: 'reviewOn', type: 'date', title: label('复盘日期', 'Review on') },
    { op: 'relabel', field: 'weight', title: label('优先级权重', 'Priority weight') },
    { op: 'require', field: 'focusTags' },
    { op: 'hide', field: 'removedInNewPack' },
    { op: 'hide', field: 'cycleId' },
    { op: 'reorder', order: ['weight', 'title'] },
  ],
};

describe('a form with an HR overlay', () => {
  it('adds, relabels, requires and reorders fields, reports the entries that no longer fit and keeps custom values with the record', async () => {
    const onSubmit = vi.fn();
    const onProblems = vi.fn();
    const record = { ...makeObjective({ focusTags: [] }), custom: { legacy: '旧字段的值' } };
    renderForm(
      <PackForm
        formId="objective"
        context={makeContext({ record })}
        overlay={hrOverlay}
        onSubmit={onSubmit}
        onOverlayProblems={onProblems}
        showOverlayProblems
      />,
    );
    expect(fieldLabels()).toEqual([
      '优先级权重',
      '所属大区',
      '目标说明',
      '周期',
      '负责人',
      '重点标签',
      '目标名称',
      '优先级',
      '预算（万元）',
      '复盘日期',
    ]);
    const problems = screen.getByTestId(FORM_TEST_IDS.overlayProblems).querySelectorAll('li');
    expect([...problems].map((li) => li.textContent)).toEqual([
      '第 7 项（隐藏）引用的字段 removedInNewPack 在当前表单中不存在（可能已被新版本移除），此项未应用。',
      '第 8 项（隐藏）：字段 cycleId 是表单包的必填或核心字段，不能隐藏，此项未应用。',
    ]);
    expect(onProblems).toHaveBeenCalledWith([
      expect.objectContaining({ code: 'unknown-field', index: 6 }),
      expect.objectContaining({ code: 'hide-required', index: 7 }),
    ]);

    await submit();
    await waitFor(() => expect(errorOf('所属大区')).not.toBe(''));
    expect(errorOf('重点标签')).not.toBe('');
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('所属大区', '华南');
    await choose('重点标签', 'new-energy');
    await choose('优先级', '高');
    await fill('预算（万元）', '120');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      id: 'objective-new-energy',
      cycleId: 'cycle-2026-h1',
      title: '拓展新能源行业客户',
      description: '',
      ownerId: 'strategy-1',
      focusTags: ['new-energy'],
      weight: 1,
      custom: { legacy: '旧字段的值', region: '华南', priority: 'high', budget: 120 },
    });
  });

  it('hides a pack field and shows HR labels in English', async () => {
    const overlay: FormOverlay = {
      formId: 'check-in',
      entries: [
        { op: 'hide', field: 'blockers' },
        { op: 'relabel', field: 'value', title: label('月末数', 'Month-end figure') },
        {
          op: 'add',
          name: 'channel',
          type: 'select',
          title: label('渠道', 'Channel'),
          options: [{ value: 'web', label: label('网站', 'Website') }],
        },
      ],
    };
    renderForm(
      <PackForm
        formId="check-in"
        context={makeContext({ lang: 'en-US' })}
        overlay={overlay}
        onSubmit={vi.fn()}
      />,
    );
    expect(queryItem('Blockers')).toBeNull();
    expect(queryItem('Month-end figure')).not.toBeNull();
    expect(queryItem('Value at month end')).toBeNull();
    await choose('Channel', 'Website');
  });
});

describe('a hostile overlay', () => {
  const g = globalThis as { pwned?: unknown; pwnedControl?: unknown; pwnedRun?: unknown };

  it('really would run code if it reached Formily unchecked (control)', () => {
    const form = createForm();
    render(
      <FormProvider form={form}>
        <PackSchemaField
          schema={{
            type: 'object',
            properties: {
              a: {
                type: 'string',
                title: '{{ globalThis.pwnedControl = 1 }}',
                'x-decorator': 'FormItem',
                'x-component': 'Input',
              },
              b: {
                type: 'string',
                'x-component': 'Input',
                'x-reactions': { fulfill: { run: 'globalThis.pwnedRun = 1' } },
              },
            },
          }}
        />
      </FormProvider>,
    );
    expect(g.pwnedControl).toBe(1);
    // Reactions' `run` executes even without {{ }}, which is why overlays may not carry them.
    expect(g.pwnedRun).toBe(1);
    delete g.pwnedControl;
    delete g.pwnedRun;
  });

  it('runs nothing: expressions in titles, defaults or reactions are refused and the pack form renders as shipped', async () => {
    const hostile = {
      formId: 'objective',
      entries: [
        { op: 'relabel', field: 'title', title: label('{{ globalThis.pwned = 1 }}', 'x') },
        {
          op: 'add',
          name: 'a',
          type: 'text',
          title: label('甲', 'A'),
          default: '{{ globalThis.pwned = 1 }}',
        },
        { op: 'hide', field: 'focusTags', 'x-reactions': { fulfill: { run: 'globalThis.pwned = 1' } } },
      ],
    };
    const braceless = {
      formId: 'objective',
      entries: [
        {
          op: 'relabel',
          field: 'title',
          title: label('名称', 'Name'),
          'x-reactions': { fulfill: { run: 'globalThis.pwned = 1' } },
        },
        {
          op: 'add',
          name: 'b',
          type: 'text',
          title: label('乙', 'B'),
          'x-component': 'Input',
          'x-reactions': [{ fulfill: { run: 'globalThis.pwned = 1' } }],
        },
        { op: 'require', field: 'focusTags' },
      ],
    };
    const onSubmit = vi.fn();
    const first = renderForm(
      <PackForm
        formId="objective"
        context={makeContext()}
        overlay={hostile}
        onSubmit={onSubmit}
        showOverlayProblems
      />,
    );
    expect(screen.getByTestId(FORM_TEST_IDS.overlayProblems).textContent).toContain('含有表达式');
    expect(fieldLabels()).toEqual(['目标名称', '目标说明', '周期', '负责人', '重点标签', '战略权重']);
    await fill('目标名称', '安全');
    await choose('负责人', '张伟');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(g.pwned).toBeUndefined();
    first.unmount();

    renderForm(
      <PackForm
        formId="objective"
        context={makeContext()}
        overlay={braceless}
        onSubmit={vi.fn()}
        showOverlayProblems
      />,
    );
    const messages = [...screen.getByTestId(FORM_TEST_IDS.overlayProblems).querySelectorAll('li')].map(
      (li) => li.textContent,
    );
    expect(messages).toEqual([
      '第 1 项（改名）含有不允许的键 x-reactions：叠加层不能设置联动、校验函数或组件，此项未应用。',
      '第 2 项（新增）含有不允许的键 x-component：叠加层不能设置联动、校验函数或组件，此项未应用。',
    ]);
    // The harmless entry still applies.
    expect(document.querySelectorAll('.ant-formily-item-asterisk').length).toBe(5);
    expect(g.pwned).toBeUndefined();
  });
});

describe('the component allow-list', () => {
  it('names exactly what the renderer registers', () => {
    const resolve = (name: string) =>
      name
        .split('.')
        .reduce<unknown>((c, key) => (c as Record<string, unknown> | undefined)?.[key], PACK_COMPONENTS);
    for (const name of [...ALLOWED_COMPONENTS, ...ALLOWED_DECORATORS])
      expect(resolve(name), name).toBeDefined();
    expect(Object.keys(PACK_COMPONENTS).sort()).toEqual(
      [...new Set([...ALLOWED_COMPONENTS, ...ALLOWED_DECORATORS].map((n) => n.split('.')[0]))].sort(),
    );
  });
});
