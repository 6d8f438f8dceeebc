import type { ApiClient } from '../../api/client.ts';
import type { Me } from '../../api/endpoints.ts';

export interface SetupState {
  needed: boolean;
  companyName: string | null;
}

export interface SetupBody {
  companyName: string;
  adminName: string;
  login: string;
  password: string;
}

/** The first-run and one-time-link calls (host/server/routes/setup.ts and accounts.ts); all public. */
export const setupApi = (api: ApiClient) => ({
  state: () => api.get<SetupState>('/api/setup'),
  complete: (body: SetupBody) => api.post<Me>('/api/setup', body),
  checkLink: (token: string) =>
    api.post<{ name: string; login: string; expiresAt: string }>('/api/account-link/check', { token }),
  redeemLink: (token: string, password: string) =>
    api.post<Me>('/api/account-link/redeem', { token, password }),
});

/** The token of a one-time link `/welcome#token=…` (a fragment: it never reaches a server log). */
export function linkTokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}
