// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PackForm } from '../../forms/runtime/react/pack-form.tsx';
import { FORM_TEST_IDS } from '../../forms/runtime/react/test-ids.ts';
import { makeKeyResult, makeLink } from '../../plugin/domain/test-factories.ts';
import { choose, errorOf, fill, item, makeContext, NOW, renderForm, submit, user } from './helpers.tsx';

afterEach(cleanup);
// Full antd renders on a shared two-core machine: the first one in a file also warms up imports.
vi.setConfig({ testTimeout: 60_000 });

const score = () => screen.getByTestId(FORM_TEST_IDS.alignmentScore);

describe('key-result form', () => {
  it('is filled from scratch and submits a KR whose links and rationale are stamped now', async () => {
    const onSubmit = vi.fn();
    const context = makeContext();
    renderForm(<PackForm formId="key-result" context={context} onSubmit={onSubmit} />);
    // Nothing linked yet: 0 points, under the minimum, rationale required with the reason.
    expect(score().dataset.below).toBe('true');
    expect(score().textContent).toContain('对齐分 0 低于最低分 60');

    await fill('关键结果', '华东新能源签约 12 家');
    await choose('负责人或大区', '张伟');
    await fill('目标值', '12');
    await user().click(screen.getByText('添加关联'));
    await choose('战略目标', '拓展新能源行业客户');
    await choose('标签', 'new-energy');
    // Linked (40) + focus match (20) = 60: at the minimum counts as aligned.
    await waitFor(() => expect(score().dataset.score).toBe('60'));
    expect(score().dataset.below).toBe('false');
    await fill('对齐依据', '新能源是总部今年的第一战略重点');
    await waitFor(() => expect(score().dataset.score).toBe('85'));
    await submit();

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      title: '华东新能源签约 12 家',
      ownerType: 'person',
      ownerId: 'person-1',
      metric: 'number',
      baseline: 0,
      target: 12,
      focusTags: ['new-energy'],
      links: [{ objectiveId: 'objective-new-energy', weight: 100, linkedAt: NOW }],
      rationale: '新能源是总部今年的第一战略重点',
      rationaleAt: NOW,
      confirmedAt: null,
      targetHistory: [],
      custom: {},
    });
  });

  it('gives live feedback on both sides of the minimum score and only then requires the rationale', async () => {
    const onSubmit = vi.fn();
    // 95 % of the link weight matches the KR's focus tag: 40 + 0.95 × 20 = 59.
    const record = makeKeyResult({
      links: [makeLink({ weight: 95 }), makeLink({ objectiveId: 'objective-high-margin', weight: 5 })],
    });
    renderForm(<PackForm formId="key-result" context={makeContext({ record })} onSubmit={onSubmit} />);
    expect(score().dataset.score).toBe('59');
    expect(score().textContent).toContain('对齐分 59 低于最低分 60');
    expect(within(item('对齐依据')).getByText(/对齐分 59 低于最低分 60/)).toBeTruthy();
    expect(item('对齐依据').querySelector('.ant-formily-item-asterisk')).not.toBeNull();

    await submit();
    await waitFor(() => expect(errorOf('对齐依据')).toContain('请填写至少 10 字的对齐依据'));
    expect(onSubmit).not.toHaveBeenCalled();

    // Too short a rationale does not count and is refused with the reason.
    await fill('对齐依据', '很重要');
    await waitFor(() =>
      expect(errorOf('对齐依据')).toBe('对齐分 59 低于最低分 60，对齐依据至少需要 10 字。'),
    );
    await fill('对齐依据', '');

    // The 5 % link dropped to 0: the whole weight matches, 40 + 20 = 60, no longer under.
    const weights = screen.getAllByText('贡献权重', { selector: 'label' });
    const second = weights[1]?.closest('.ant-formily-item') as HTMLElement;
    const input = within(second).getByRole('spinbutton');
    await user().clear(input);
    await user().type(input, '0');
    await waitFor(() => expect(score().dataset.score).toBe('60'));
    expect(score().dataset.below).toBe('false');
    expect(score().textContent).toContain('对齐分 60，已达到最低分 60');
    expect(item('对齐依据').querySelector('.ant-formily-item-asterisk')).toBeNull();

    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      rationale: '',
      rationaleAt: null,
      version: 1,
      id: 'kr-1',
    });
  });

  it('reads the threshold from settings, and asks why when an existing target changes', async () => {
    const onSubmit = vi.fn();
    const context = makeContext({
      record: makeKeyResult({ links: [makeLink()] }),
      settings: {
        ...makeContext().settings,
        alignment: { ...makeContext().settings.alignment, minScore: 70 },
      },
    });
    renderForm(<PackForm formId="key-result" context={context} onSubmit={onSubmit} />);
    expect(score().textContent).toContain('对齐分 60 低于最低分 70');
    await fill('对齐依据', '新能源是总部今年的第一战略重点');
    await waitFor(() => expect(score().textContent).toContain('对齐分 85，已达到最低分 70'));

    await fill('目标值', '15');
    await submit();
    await waitFor(() => expect(errorOf('调整目标的原因')).not.toBe(''));
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('调整目标的原因', '新增两家渠道伙伴');
    await fill('基线值', '15');
    await submit();
    await waitFor(() => expect(errorOf('目标值')).toBe('目标值必须与基线值不同。'));
    await fill('基线值', '0');
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0].targetHistory).toEqual([
      { at: NOW, previousTarget: 12, newTarget: 15, reason: '新增两家渠道伙伴' },
    ]);
  });
});
