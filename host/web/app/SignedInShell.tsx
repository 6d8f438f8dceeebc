import type { Me } from '../api/endpoints.ts';
import type { ShellLang } from '../i18n/i18n.ts';
import { AntdRoot } from './AntdRoot.tsx';
import { AppLayout } from './AppLayout.tsx';
import { AppContext, type AppState } from './app-context.tsx';
import { navItemsFor, pageOfPath } from './navigation.ts';
import { PageSwitch } from './PageSwitch.tsx';
import type { Route } from './router.ts';

export interface SignedInShellProps {
  state: AppState;
  route: Route;
  user: Me;
  unread: number;
  lang: ShellLang;
  onLangChange: (lang: ShellLang) => void;
  onSignOut: () => void;
}

/**
 * The signed-in shell (layout, menu, pages). App loads it on demand, so the sign-in page ships
 * without the layout, the menu and its icons.
 */
export default function SignedInShell({
  state,
  route,
  user,
  unread,
  lang,
  onLangChange,
  onSignOut,
}: SignedInShellProps) {
  const allowed = navItemsFor(user.role, user.scope !== null);
  return (
    <AntdRoot lang={lang}>
      <AppContext.Provider value={state}>
        <AppLayout
          user={user}
          active={pageOfPath(route.path)}
          unread={unread}
          lang={lang}
          onLangChange={onLangChange}
          onSignOut={onSignOut}
        >
          <PageSwitch route={route} allowed={allowed} />
        </AppLayout>
      </AppContext.Provider>
    </AntdRoot>
  );
}
