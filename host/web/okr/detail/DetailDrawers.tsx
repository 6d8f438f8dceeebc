import type { AlignmentFactorName } from '../../../../plugin/domain/alignment-gaps.ts';
import { navigate, type Route } from '../../app/router.ts';
import { EscalationDrawer } from '../escalation/EscalationDrawer.tsx';
import { escalationOfRoute, krOfRoute, withParam } from './detail-links.ts';
import { KrDetailDrawer } from './KrDetailDrawer.tsx';

/** Where completing a factor happens: links and confirmation on the board, the rationale in the KR form. */
const actLink = (krId: string, factor: AlignmentFactorName) =>
  `/kickoff?focus=${encodeURIComponent(krId)}&act=${factor === 'rationale' ? 'rationale' : 'link'}`;

/** The KR and escalation drawers a route asks for, over whatever page it shows. */
export default function DetailDrawers({ route }: { route: Route }) {
  const krId = krOfRoute(route);
  const escalationId = escalationOfRoute(route);
  return (
    <>
      {escalationId ? (
        <EscalationDrawer
          key={escalationId}
          escalationId={escalationId}
          onClose={() => navigate(withParam(route, 'escalation', null))}
          onOpenKr={(id) => navigate(withParam(route, 'kr', id))}
        />
      ) : null}
      {krId ? (
        <KrDetailDrawer
          key={krId}
          krId={krId}
          onClose={() => navigate(withParam(route, 'kr', null))}
          onAct={(id, factor) => navigate(actLink(id, factor))}
        />
      ) : null}
    </>
  );
}
