// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PackForm } from '../../forms/runtime/react/pack-form.tsx';
import { makeActivity, makeEscalation, makePeerReview } from '../../plugin/domain/test-factories.ts';
import {
  choose,
  errorOf,
  fill,
  inputOf,
  item,
  makeContext,
  pick,
  renderForm,
  submit,
  user,
} from './helpers.tsx';

afterEach(cleanup);
// Full antd renders on a shared two-core machine: the first one in a file also warms up imports.
vi.setConfig({ testTimeout: 60_000 });

describe('objective form', () => {
  it('requires a title and a positive weight, then submits', async () => {
    const onSubmit = vi.fn();
    renderForm(<PackForm formId="objective" context={makeContext()} onSubmit={onSubmit} />);
    await submit();
    await waitFor(() => expect(errorOf('目标名称')).not.toBe(''));
    await fill('目标名称', '提升高毛利产品占比');
    await choose('负责人', '王芳');
    await choose('重点标签', 'high-margin');
    await fill('战略权重', '0');
    await submit();
    await waitFor(() => expect(errorOf('战略权重')).not.toBe(''));
    await fill('战略权重', '2');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      cycleId: 'cycle-2026-h1',
      title: '提升高毛利产品占比',
      description: '',
      ownerId: 'person-3',
      focusTags: ['high-margin'],
      weight: 2,
      custom: {},
    });
  });
});

describe('escalation resolution form', () => {
  it('shows the escalation, refuses a date before it was raised and keeps the exact time when resolved today', async () => {
    const onSubmit = vi.fn();
    const escalation = makeEscalation({ detail: '客户要求降价 8%', raisedAt: '2026-04-05T09:00:00Z' });
    const { unmount } = renderForm(
      <PackForm formId="escalation-resolution" context={makeContext({ escalation })} onSubmit={onSubmit} />,
    );
    expect(screen.getByText('客户要求降价 8%')).toBeTruthy();
    expect(screen.getByText('连续黄灯')).toBeTruthy();
    await fill('处理结果', '区域经理批准特价');
    await submit();
    await waitFor(() => expect(errorOf('解决日期')).toBe('解决日期不能早于升级日期（2026-04-05）。'));
    expect(onSubmit).not.toHaveBeenCalled();
    unmount();

    const earlier = makeEscalation({ raisedAt: '2026-04-01T09:00:00Z', assigneeId: null });
    renderForm(
      <PackForm
        formId="escalation-resolution"
        context={makeContext({ escalation: earlier })}
        onSubmit={onSubmit}
      />,
    );
    await choose('处理人', '李娜');
    await fill('处理结果', '总部协调技术支持');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      id: 'escalation-1',
      assigneeId: 'person-2',
      resolution: '总部协调技术支持',
      resolvedAt: '2026-04-03T08:00:00Z',
      custom: {},
    });
  });
});

describe('peer review form', () => {
  it('scores a colleague; the reviewer cannot choose or keep themselves', async () => {
    const onSubmit = vi.fn();
    // An edited review that names its own author, e.g. imported from a spreadsheet.
    const record = makePeerReview({ reviewerId: 'person-1', revieweeId: 'person-1' });
    renderForm(<PackForm formId="peer-review" context={makeContext({ record })} onSubmit={onSubmit} />);
    await submit();
    await waitFor(() => expect(errorOf('被评价人')).toBe('不能评价自己，请选择其他同事。'));
    expect(onSubmit).not.toHaveBeenCalled();

    const selector = item('被评价人').querySelector('.ant-select-selector') as HTMLElement;
    await user().click(selector);
    const self = await waitFor(() => {
      const option = document.querySelector('.ant-select-item-option[title="张伟"]');
      if (!option) throw new Error('test: option not shown');
      return option;
    });
    expect(self.classList.contains('ant-select-item-option-disabled')).toBe(true);
    await user().click(self);
    expect(errorOf('被评价人')).toBe('不能评价自己，请选择其他同事。');
    await user().click(document.querySelector('.ant-select-item-option[title="李娜"]') as HTMLElement);
    await pick('协作', '5');
    await fill('评语', '主动分享华南的储能项目经验');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      id: 'review-1',
      quarter: '2026-Q1',
      reviewerId: 'person-1',
      revieweeId: 'person-2',
      scores: { collaboration: 5, crossRegionHelp: 3, knowledgeSharing: 4 },
      comment: '主动分享华南的储能项目经验',
      custom: {},
    });
  });
});

describe('activity form', () => {
  it('shows yuan, checks the amounts against each other and stores cents', async () => {
    const onSubmit = vi.fn();
    renderForm(
      <PackForm formId="activity" context={makeContext({ record: makeActivity() })} onSubmit={onSubmit} />,
    );
    expect(inputOf('签单金额（元）').value).toBe('100000.00');
    await fill('其中高毛利产品金额（元）', '120000');
    await fill('中标方案数', '6');
    await submit();
    await waitFor(() => expect(errorOf('中标方案数')).toBe('中标方案数（6）不能超过提交方案数（5）。'));
    expect(errorOf('其中高毛利产品金额（元）')).toBe('高毛利产品金额（120000）不能超过签单金额（100000）。');
    // Raising the limit clears the dependent error without touching the dependent field.
    await fill('提交方案数', '6');
    await waitFor(() => expect(errorOf('中标方案数')).toBe(''));
    await fill('其中高毛利产品金额（元）', '65432.1');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      ...makeActivity(),
      highMarginAmountCents: 6_543_210,
      proposalsSent: 6,
      proposalsWon: 6,
      custom: {},
    });
  });
});

describe('pool-run form', () => {
  it('starts from the settings, names the setting and range when out of range, and wants a note for a change', async () => {
    const onSubmit = vi.fn();
    renderForm(<PackForm formId="pool-run" context={makeContext()} onSubmit={onSubmit} />);
    expect(inputOf('激励池比例').value).toBe('15');
    expect(screen.getAllByText('%').length).toBeGreaterThan(0);
    await choose('季度', '2026-Q1');
    await fill('激励池比例', '101');
    await waitFor(() =>
      expect(errorOf('激励池比例')).toBe('激励池比例：必须是 0 到 100 之间的整数，当前为 101。'),
    );
    await fill('激励池比例', '18');
    await submit();
    await waitFor(() =>
      expect(errorOf('备注')).toBe('激励池比例 与当前设置（15）不同，请在备注中说明原因。'),
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('备注', '本季度利润超预期');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      quarter: '2026-Q1',
      ratePercent: 18,
      floorPercentOfEqualShare: 50,
      capPercentOfEqualShare: 200,
      minContribution: 20,
      note: '本季度利润超预期',
      custom: {},
    });
  });
});
