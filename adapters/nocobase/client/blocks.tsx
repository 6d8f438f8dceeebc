import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CalibrationBoard } from '../../../widgets/CalibrationBoard/index.tsx';
import { HealthRadar } from '../../../widgets/HealthRadar/index.tsx';
import { MetricsDashboard } from '../../../widgets/MetricsDashboard/index.tsx';
import { PoolAllocation } from '../../../widgets/PoolAllocation/index.tsx';
import { OkrAlignmentBoardBlock } from './board-block.tsx';
import { type BoardData, calibrationRows, monthsUpTo, radarData } from './board-data.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { useBoardData, useWidgetLocale } from './use-board-data.ts';

export { OkrAlignmentBoardBlock };

function WithBoard({ children }: { children: (d: BoardData, reload: () => void) => ReactNode }) {
  const { data, error, reload } = useBoardData();
  if (error) return <Alert type="error" message={error} data-testid="okr-align-block-error" />;
  if (!data) return <Spin />;
  return <>{children(data, reload)}</>;
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
