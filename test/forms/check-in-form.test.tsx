// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PackForm } from '../../forms/runtime/react/pack-form.tsx';
import { FORM_TEST_IDS } from '../../forms/runtime/react/test-ids.ts';
import { makeKeyResult, makeTargetRevision } from '../../plugin/domain/test-factories.ts';
import {
  choose,
  errorOf,
  fill,
  item,
  makeContext,
  pick,
  queryItem,
  renderForm,
  submit,
  user,
} from './helpers.tsx';

afterEach(cleanup);
// Full antd renders on a shared two-core machine: the first one in a file also warms up imports.
vi.setConfig({ testTimeout: 60_000 });

const suggestion = () => screen.getByTestId(FORM_TEST_IDS.colourSuggestion);

describe('check-in form', () => {
  it('suggests the colour from pace, asks for a note when another colour is picked, and submits', async () => {
    const onSubmit = vi.fn();
    // KR 0 → 12 over Jan–Jun; at the end of March half the cycle has passed, so 6 is on pace.
    renderForm(<PackForm formId="check-in" context={makeContext()} onSubmit={onSubmit} />);
    expect(screen.getByText('填写本月末实际值后给出建议颜色。')).toBeTruthy();
    await choose('月份', '2026-03');
    await fill('本月末实际值', '5');
    // 5/12 ÷ 3/6 = 83 %: amber (70 ≤ pace < 90), preselected as the user's colour.
    await waitFor(() => expect(suggestion().dataset.colour).toBe('amber'));
    expect(suggestion().textContent).toBe('按进度建议：黄灯（实际进度是应有进度的 83%）');
    expect(item('自评颜色').querySelector('.ant-radio-button-wrapper-checked')?.textContent).toBe('黄灯');
    expect(queryItem('颜色说明')).toBeNull();

    await fill('本月末实际值', '6');
    await waitFor(() => expect(suggestion().dataset.colour).toBe('green'));
    await fill('本月末实际值', '3');
    await waitFor(() => expect(suggestion().dataset.colour).toBe('red'));
    expect(item('自评颜色').querySelector('.ant-radio-button-wrapper-checked')?.textContent).toBe('红灯');

    // The user disagrees: a note becomes required, naming both colours.
    await pick('自评颜色', '黄灯');
    await waitFor(() => expect(queryItem('颜色说明')).not.toBeNull());
    await fill('信心指数', '6');
    await submit();
    await waitFor(() =>
      expect(errorOf('颜色说明')).toBe('自评颜色（黄灯）与建议颜色（红灯）不同，请说明原因。'),
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('颜色说明', '大单已进入合同流程，下月回款');

    // Resource request details appear only once a request is made.
    expect(queryItem('资源类型')).toBeNull();
    await user().click(item('需要资源支持').querySelector('button') as HTMLElement);
    await waitFor(() => expect(queryItem('需求说明')).not.toBeNull());
    await submit();
    await waitFor(() => expect(errorOf('需求说明')).not.toBe(''));
    await choose('资源类型', '技术支持');
    await fill('需求说明', '3 月底前一名售前工程师支持两周');
    await fill('遇到的阻碍', '客户技术评审推迟');
    await submit();

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      krId: 'kr-1',
      month: '2026-03',
      value: 3,
      selfColour: 'amber',
      colourNote: '大单已进入合同流程，下月回款',
      blockers: '客户技术评审推迟',
      resourceRequest: { kind: 'technical-support', detail: '3 月底前一名售前工程师支持两周' },
      confidence: 6,
      custom: {},
    });
  });

  it('uses the target in force that month, in English, and refuses an out-of-range confidence', async () => {
    const onSubmit = vi.fn();
    // Target raised from 10 to 12 in mid-March: February is judged against 10.
    const keyResult = makeKeyResult({ targetHistory: [makeTargetRevision()] });
    renderForm(
      <PackForm formId="check-in" context={makeContext({ keyResult, lang: 'en-US' })} onSubmit={onSubmit} />,
    );
    await choose('Month', '2026-02');
    await fill('Value at month end', '3');
    // 3/10 ÷ 2/6 = 90 %: green exactly at the band edge.
    await waitFor(() =>
      expect(suggestion().textContent).toBe(
        'Suggested from pace: Green (progress is 90% of the expected progress)',
      ),
    );
    await fill('Confidence', '11');
    await submit('Submit');
    await waitFor(() => expect(errorOf('Confidence')).not.toBe(''));
    await fill('Confidence', '10');
    await submit('Submit');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      selfColour: 'green',
      colourNote: '',
      resourceRequest: null,
      confidence: 10,
    });
  });
});
