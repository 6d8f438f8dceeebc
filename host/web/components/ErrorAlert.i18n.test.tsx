// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { apiErrorFrom } from '../api/api-error.ts';
import { createShellI18n, type ShellLang } from '../i18n/i18n.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const show = (lang: ShellLang, status: number, body: Record<string, unknown>) => {
  const i18n = createShellI18n(lang);
  render(
    <I18nextProvider i18n={i18n}>
      <ErrorAlert
        error={apiErrorFrom(status, { statusCode: status, message: 'english words', ...body }, (k) => k)}
      />
    </I18nextProvider>,
  );
  return screen.getByRole('alert').textContent ?? '';
};

afterEach(cleanup);

describe('ErrorAlert words server errors in the user language', () => {
  it('a stale write says both versions and what to do, in zh-CN and en-US', () => {
    const reply = { code: 'stale-version', error: 'stale-version', params: { sent: 3, stored: 5 } };
    const zh = show('zh-CN', 409, reply);
    expect(zh).toContain('已保存的是第 5 版，你修改的是第 3 版');
    expect(zh).toContain('请刷新页面');
    expect(zh).not.toContain('english words');
    cleanup();
    expect(show('en-US', 409, reply)).toContain('the stored version is 5, you edited version 3');
  });

  it('not-found names the thing in the language and keeps the id', () => {
    const text = show('zh-CN', 404, { code: 'not-found', params: { what: 'key-result', id: 'kr-9' } });
    expect(text).toBe('关键结果「kr-9」不存在，可能已被删除；请刷新页面。');
  });

  it('a refused request body names the field and the reason with its limit', () => {
    const text = show('zh-CN', 400, {
      code: 'invalid-request',
      params: { field: 'reason', reason: 'too-long', limit: 2000 },
    });
    expect(text).toBe('请求内容有误：字段「reason」最多 2000 个字符。请修改后重试。');
  });

  it('a too-many-attempts sign-in says when to try again', () => {
    const text = show('zh-CN', 429, {
      code: 'rate-limited',
      params: { retryAfter: 840, retryAfterMinutes: 14 },
    });
    expect(text).toBe('失败次数过多，请在 840 秒（约 14 分钟）后再试。');
  });

  it('invalid settings name each field by its schema title', () => {
    const text = show('zh-CN', 400, {
      code: 'invalid-settings',
      params: { count: 2 },
      issues: [
        { path: 'alignment.minScore', message: 'must be at least 0 (got -5)', reason: 'minimum', limit: 0 },
        { path: 'alignment.weights', message: 'these must add up to 100', reason: 'sum', limit: 100 },
      ],
    });
    expect(text).toContain('设置中有 2 处问题');
    expect(text).toContain('最低对齐分：不能小于 0');
    expect(text).not.toContain('must be at least');
    cleanup();
    const en = show('en-US', 400, {
      code: 'invalid-settings',
      params: { count: 1 },
      issues: [{ path: 'alignment.minScore', message: 'x', reason: 'minimum', limit: 0 }],
    });
    expect(en).toContain('Minimum alignment score: must be at least 0');
  });

  it('pool states and actions are words, not codes', () => {
    const text = show('zh-CN', 409, {
      code: 'bad-state',
      params: { quarter: '2026-Q1', action: 'release', state: 'draft', needed: 'approved' },
    });
    expect(text).toBe('2026-Q1 奖金池当前为“草稿”，“发布”需要它处于“已审批”状态；请刷新页面。');
  });

  it("falls back to the server's message for an unknown code or missing params", () => {
    expect(show('zh-CN', 409, { code: 'brand-new-code', params: {} })).toBe('english words');
    cleanup();
    expect(show('zh-CN', 409, { error: 'stale-version' })).toBe('english words');
  });
});
