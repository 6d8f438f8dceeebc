// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ApiError, apiErrorFrom } from '../api/api-error.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const i18n = createShellI18n('en-US');
const t = (k: string) => i18n.t(k);
const show = (error: unknown) =>
  render(
    <I18nextProvider i18n={i18n}>
      <ErrorAlert error={error} />
    </I18nextProvider>,
  );

afterEach(cleanup);

describe('ErrorAlert', () => {
  it("shows the server's message and each invalid settings field", () => {
    show(
      apiErrorFrom(
        400,
        {
          statusCode: 400,
          error: 'invalid-settings',
          message: 'settings proposal: 1 problem; fix the fields and send again',
          issues: [{ path: '/alignment/weights', message: 'the weights must add up to 100' }],
        },
        t,
      ),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('settings proposal: 1 problem');
    expect(alert.textContent).toContain('/alignment/weights: the weights must add up to 100');
    expect(alert.textContent).not.toContain('invalid-settings');
  });

  it('says in words what a bare status means', () => {
    show(apiErrorFrom(503, null, t));
    expect(screen.getByRole('alert').textContent).toBe(i18n.t('errors.server'));
    expect(screen.getByRole('alert').textContent).not.toContain('503');
  });

  it('shows a missing endpoint as "not available" with the server\'s words', () => {
    show(new ApiError(404, 'no-route', 'server: no route GET /api/demo-logins', null));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not available on this server yet');
    expect(alert.textContent).toContain('no route GET /api/demo-logins');
  });

  it("words a server failure generically with its request id, never the server's own message", () => {
    const body = {
      statusCode: 500,
      code: 'some-new-failure',
      message: 'GET /api/health: TypeError: cannot read properties of undefined',
      requestId: 'req-42',
    };
    show(apiErrorFrom(500, body, t));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(i18n.t('errors.server'));
    expect(alert.textContent).toContain('Request id: req-42');
    expect(alert.textContent).not.toContain('TypeError');
  });

  it('renders nothing without an error', () => {
    const { container } = show(null);
    expect(container.textContent).toBe('');
  });
});
