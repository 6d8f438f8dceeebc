// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsForm } from '../../forms/runtime/react/settings-form.tsx';
import { makeSettings } from '../../plugin/domain/test-factories.ts';
import { errorOf, fill, inputOf, renderForm, submit } from './helpers.tsx';

afterEach(cleanup);
// Full antd renders on a shared two-core machine: the first one in a file also warms up imports.
vi.setConfig({ testTimeout: 60_000 });

describe('settings form', () => {
  it('refuses out-of-range values, naming the setting and its range, and enforces sums and order', async () => {
    const onSubmit = vi.fn();
    renderForm(<SettingsForm value={makeSettings()} onSubmit={onSubmit} />);
    // Labels, help and units come from the schema and the locale file.
    expect(screen.getByText('目标对齐')).toBeTruthy();
    expect(screen.getByText('关键客户超过此天数未联系即预警。')).toBeTruthy();
    expect(inputOf('最低对齐分').value).toBe('60');

    await fill('最低对齐分', '101');
    await waitFor(() =>
      expect(errorOf('最低对齐分')).toBe('最低对齐分：必须是 0 到 100 之间的整数，当前为 101。'),
    );
    await fill('关键客户未联系天数', '0');
    await submit('保存');
    await waitFor(() =>
      expect(errorOf('关键客户未联系天数')).toBe(
        '关键客户未联系天数：必须是 1 到 365 之间的整数，当前为 0。',
      ),
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('最低对齐分', '65');
    await fill('关键客户未联系天数', '60');

    // x-sum: the partner field shows the error too, and clears when the sum is restored.
    await fill('互评权重', '50');
    const sum = '目标贡献值：互评权重、系统数据权重 之和必须为 100，当前为 110。';
    await waitFor(() => expect(errorOf('系统数据权重')).toBe(sum));
    expect(errorOf('互评权重')).toBe(sum);
    await submit('保存');
    expect(onSubmit).not.toHaveBeenCalled();
    await fill('系统数据权重', '50');
    await waitFor(() => expect(errorOf('互评权重')).toBe(''));

    // x-ascending: amber may not exceed green.
    await fill('黄灯最低进度比', '95');
    await waitFor(() =>
      expect(errorOf('绿灯最低进度比')).toBe('黄灯最低进度比（95）不能大于 绿灯最低进度比（90）。'),
    );
    await fill('绿灯最低进度比', '95');
    await waitFor(() => expect(errorOf('黄灯最低进度比')).toBe(''));

    await submit('保存');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual(
      makeSettings({
        alignment: { minScore: 65 },
        alerts: { keyClientGapDays: 60 },
        contribution: { peerWeight: 50, systemWeight: 50 },
        calibration: { amberMinPacePercent: 95, greenMinPacePercent: 95 },
      }),
    );
  });

  it('speaks English from the schema x-i18n', async () => {
    renderForm(<SettingsForm value={makeSettings()} lang="en-US" onSubmit={vi.fn()} />);
    expect(screen.getByText('Floating incentive pool')).toBeTruthy();
    await fill('Pool rate', '-1');
    await waitFor(() =>
      expect(errorOf('Pool rate')).toBe('Pool rate: must be a whole number from 0 to 100; it is -1.'),
    );
    await fill('Check-in due day', '');
    await submit('Save');
    await waitFor(() => expect(errorOf('Check-in due day')).toBe('Check-in due day: required (range 1–28).'));
  });
});
