import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { Loading } from '../components/Loading.tsx';
import { type NavItem, type PageKey, pageOfPath } from './navigation.ts';
import type { PageProps } from './page-props.ts';
import { matchPath, navigate, type Route } from './router.ts';

// Pages load on demand: charts and forms stay out of the sign-in bundle.
const PAGES: Record<PageKey, ComponentType<PageProps>> = {
  kickoff: lazy(() => import('../kickoff/KickoffPage.tsx')),
  calibration: lazy(() => import('../pages/CalibrationPage.tsx')),
  health: lazy(() => import('../pages/HealthPage.tsx')),
  pool: lazy(() => import('../pages/PoolPage.tsx')),
  peerReview: lazy(() => import('../pages/peer-review/PeerReviewPage.tsx')),
  metrics: lazy(() => import('../pages/MetricsPage.tsx')),
  import: lazy(() => import('../pages/ImportPage.tsx')),
  settings: lazy(() => import('../pages/SettingsPage.tsx')),
  forms: lazy(() => import('../pages/FormsEditorPage.tsx')),
  audit: lazy(() => import('../pages/AuditPage.tsx')),
  notifications: lazy(() => import('../pages/NotificationsPage.tsx')),
  reports: lazy(() => import('../pages/ReportsPage.tsx')),
  schedules: lazy(() => import('../pages/SchedulesPage.tsx')),
  channels: lazy(() => import('../pages/ChannelsPage.tsx')),
  primer: lazy(() => import('../pages/PrimerPage.tsx')),
  organisation: lazy(() => import('../pages/organisation/OrganisationPage.tsx')),
  automations: lazy(() => import('../pages/automations/AutomationsPage.tsx')),
  rules: lazy(() => import('../pages/rules/RulesPage.tsx')),
};

const Forbidden = lazy(() => import('./Forbidden.tsx'));
// The KR and escalation drawers (`/kr/<id>`, `?kr=`, `?escalation=`) open over any page.
const DetailDrawers = lazy(() => import('../okr/detail/DetailDrawers.tsx'));

const PARAM_PATTERNS = ['/kickoff/:cycleId', '/board/:cycleId'];

/** The page of the route, if the user's role may open it. */
export function PageSwitch({ route, allowed }: { route: Route; allowed: NavItem[] }) {
  const page = pageOfPath(route.path);
  const first = allowed[0];
  useEffect(() => {
    if (page === null && first) navigate(first.path, { replace: true });
  }, [page, first]);
  if (page === null) return null;
  if (!allowed.some((i) => i.key === page)) {
    return (
      <Suspense fallback={<Loading />}>
        <Forbidden />
      </Suspense>
    );
  }
  const Page = PAGES[page];
  const params = PARAM_PATTERNS.map((p) => matchPath(p, route.path)).find((m) => m !== null) ?? {};
  return (
    <Suspense fallback={<Loading />}>
      <Page route={route} params={params} />
      {route.path.startsWith('/kr/') || route.query.has('kr') || route.query.has('escalation') ? (
        <DetailDrawers route={route} />
      ) : null}
    </Suspense>
  );
}
