import { useAPIClient } from '@nocobase/client';
import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import { AlignmentBoard } from '../../../widgets/AlignmentBoard/index.tsx';
import { CalibrationBoard } from '../../../widgets/CalibrationBoard/index.tsx';
import { HealthRadar } from '../../../widgets/HealthRadar/index.tsx';
import { MetricsDashboard } from '../../../widgets/MetricsDashboard/index.tsx';
import { PoolAllocation } from '../../../widgets/PoolAllocation/index.tsx';
import { alignmentCards, type BoardData, calibrationRows, monthsUpTo, radarData } from './board-data.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useBoardData, useWidgetLocale } from './use-board-data.ts';

function WithBoard({ children }: { children: (d: BoardData, reload: () => void) => ReactNode }) {
  const { data, error, reload } = useBoardData();
  if (error) return <Alert type="error" message={error} data-testid="okr-align-block-error" />;
  if (!data) return <Spin />;
  return <>{children(data, reload)}</>;
}

interface StaleBody {
  errors?: { detail?: { ok: false; reason: string; current?: { version: number } } }[];
}

/** Alignment board block: drag a KR onto an Objective to link it (saved through `okrAlign:saveLink`). */
export function OkrAlignmentBoardBlock() {
  const api = useAPIClient();
  const locale = useWidgetLocale();
  const save = async (krId: Id, objectiveId: Id, weight: number, expectedVersion: number | null) =>
    api.request({
      url: 'okrAlign:saveLink',
      method: 'post',
      data: { krId, objectiveId, weight, expectedVersion },
    });
  return (
    <WithBoard>
      {(d, reload) => (
        <AlignmentBoard
          objectives={d.snapshot.objectives}
          cards={alignmentCards(d)}
          minScore={d.settings.alignment.minScore}
          locale={locale}
          onLink={(krId, objectiveId, weight) => {
            save(krId, objectiveId, weight, null)
              .catch((e: { response?: { data?: StaleBody } }) => {
                // The link exists already: update it at its current row version.
                const current = e.response?.data?.errors?.[0]?.detail?.current;
                if (!current) throw e;
                return save(krId, objectiveId, weight, current.version);
              })
              .finally(reload);
          }}
        />
      )}
    </WithBoard>
  );
}

export function OkrCalibrationBoardBlock() {
  const locale = useWidgetLocale();
  return (
    <WithBoard>
      {(d) => (
        <CalibrationBoard
          months={monthsUpTo(d)}
          rows={calibrationRows(d)}
          checkIns={d.snapshot.checkIns}
          escalations={d.snapshot.escalations}
          locale={locale}
        />
      )}
    </WithBoard>
  );
}

export function OkrHealthRadarBlock() {
  const locale = useWidgetLocale();
  return (
    <WithBoard>{(d) => <HealthRadar {...radarData(d)} settings={d.settings} locale={locale} />}</WithBoard>
  );
}

export function OkrPoolBlock() {
  const locale = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  return (
    <WithBoard>
      {(d) =>
        d.evaluation.pool ? (
          <PoolAllocation run={d.evaluation.pool} people={d.snapshot.people} currency="CNY" locale={locale} />
        ) : (
          <Alert type="info" message={t('pool.none')} />
        )
      }
    </WithBoard>
  );
}

export function OkrMetricsBlock() {
  const locale = useWidgetLocale();
  return <WithBoard>{(d) => <MetricsDashboard metrics={d.evaluation.metrics} locale={locale} />}</WithBoard>;
}

/** Block components by the name the page schema refers to (`x-component`), with the i18n key of their title. */
export const BLOCKS = {
  OkrAlignmentBoardBlock: { Component: OkrAlignmentBoardBlock, title: 'blocks.alignmentBoard' },
  OkrCalibrationBoardBlock: { Component: OkrCalibrationBoardBlock, title: 'blocks.calibrationBoard' },
  OkrHealthRadarBlock: { Component: OkrHealthRadarBlock, title: 'blocks.healthRadar' },
  OkrPoolBlock: { Component: OkrPoolBlock, title: 'blocks.pool' },
  OkrMetricsBlock: { Component: OkrMetricsBlock, title: 'blocks.metrics' },
} as const;
