import { useMemo } from 'react';
import type { Id, Objective } from '../../../plugin/domain/types.ts';
import type { AlignmentCard } from '../../../widgets/AlignmentBoard/board-model.ts';
import { AlignmentMap } from '../../../widgets/AlignmentMap/index.tsx';
import type { WidgetLocale } from '../../../widgets/shared/i18n.ts';
import type { Evaluation } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { navigate } from '../app/router.ts';
import { useAsync } from '../app/use-async.ts';
import { krStatusOf } from './map-status.ts';

/**
 * The kickoff's alignment tree with each KR's progress and colour (check-ins are read when the map
 * opens); a KR card opens its detail drawer.
 */
export function KickoffMap(props: {
  cycleId: Id;
  objectives: Objective[];
  cards: AlignmentCard[];
  evaluation: Pick<Evaluation, 'colours'> | null | undefined;
  locale: WidgetLocale;
}) {
  const { api } = useApp();
  const checkIns = useAsync(() => api.checkIns({ cycleId: props.cycleId }), [api, props.cycleId]);
  const { cards, evaluation } = props;
  const status = useMemo(
    () =>
      krStatusOf(
        cards.map((c) => c.kr),
        checkIns.data ?? [],
        evaluation ?? undefined,
      ),
    [cards, checkIns.data, evaluation],
  );
  return (
    <AlignmentMap
      objectives={props.objectives}
      cards={cards}
      status={status}
      locale={props.locale}
      onOpenKr={(krId) => navigate(`${window.location.pathname}?kr=${encodeURIComponent(krId)}`)}
    />
  );
}

export default KickoffMap;
