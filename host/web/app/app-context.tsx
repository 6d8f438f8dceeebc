import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { Endpoints, Me } from '../api/endpoints.ts';
import type { ShellLang } from '../i18n/i18n.ts';

/** What every page gets from the shell: the API, the signed-in user and the language. */
export interface AppState {
  client: ApiClient;
  api: Endpoints;
  user: Me;
  lang: ShellLang;
  /** The cycle pages show unless a route names another. */
  currentCycleId: string | null;
  /** Re-reads the unread notification count in the header. */
  refreshUnread: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('web: useApp() outside <AppContext.Provider>; render pages inside the shell');
  return state;
}
