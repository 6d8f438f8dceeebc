import { AlertFilled, StopOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, List, Select, Space, Tag } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import type { MonthColour } from '../../plugin/domain/pace.ts';
import type { CheckIn, Escalation, Id, Month } from '../../plugin/domain/types.ts';
import { useWidgetT, type WidgetLocale, type WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, TRAFFIC_COLOURS } from '../shared/palette.ts';
import { TrafficLight } from '../shared/TrafficLight.tsx';
import { TEST_IDS } from '../test-ids.ts';
import { type CalibrationRow, cellKey, isOpen, streakCells } from './calibration-model.ts';

export type { CalibrationRow } from './calibration-model.ts';
export { streakCells } from './calibration-model.ts';

export interface CalibrationBoardProps {
  /** The cycle months shown as columns. */
  months: Month[];
  rows: CalibrationRow[];
  /** Check-ins referenced by the rows' colours (for blockers, resource requests, self colour). */
  checkIns: CheckIn[];
  escalations: Escalation[];
  /** Controlled region filter; undefined lets the board keep its own. */
  regionId?: Id | null;
  onRegionChange?: (regionId: Id | null) => void;
  onSelectCell?: (krId: Id, month: Month, checkInId: Id | null) => void;
  onOpenEscalation?: (escalationId: Id) => void;
  locale?: WidgetLocale;
}

const STREAK_OUTLINE = '#CC79A7';

const cellStyle = (colour: MonthColour | undefined, inStreak: boolean): CSSProperties => ({
  minWidth: 104,
  padding: 6,
  verticalAlign: 'top',
  fontSize: 12,
  background: colour ? TRAFFIC_COLOURS[colour.colour].tint : '#fff',
  border: `1px solid ${NEUTRAL.border}`,
  outline: inStreak ? `3px dashed ${STREAK_OUTLINE}` : undefined,
  outlineOffset: -3,
});

function CellContent({
  colour,
  checkIn,
  escalated,
  t,
}: {
  colour: MonthColour;
  checkIn?: CheckIn;
  escalated: boolean;
  t: WidgetT;
}) {
  return (
    <Space direction="vertical" size={2}>
      <TrafficLight colour={colour.colour} t={t} />
      <span style={{ color: NEUTRAL.muted }}>
        {colour.missing
          ? t('calibration.missing')
          : t('calibration.pace', { pace: Math.round(colour.pacePercent ?? 0) })}
      </span>
      {checkIn?.selfColour && checkIn.selfColour !== colour.colour && (
        <span>{t('calibration.selfColour', { colour: t(`colour.${checkIn.selfColour}`) })}</span>
      )}
      <Space size={6}>
        {checkIn?.blockers ? (
          <span
            role="img"
            title={t('calibration.blockers', { text: checkIn.blockers })}
            aria-label={t('calibration.blockers', { text: checkIn.blockers })}
          >
            <StopOutlined aria-hidden />
          </span>
        ) : null}
        {checkIn?.resourceRequest ? (
          <span
            role="img"
            title={t('calibration.resourceRequest', {
              kind: t(`calibration.resourceKind.${checkIn.resourceRequest.kind}`),
              detail: checkIn.resourceRequest.detail,
            })}
            aria-label={t('calibration.resourceRequest', {
              kind: t(`calibration.resourceKind.${checkIn.resourceRequest.kind}`),
              detail: checkIn.resourceRequest.detail,
            })}
          >
            <ToolOutlined aria-hidden />
          </span>
        ) : null}
        {escalated ? (
          <span
            role="img"
            aria-label={t('calibration.escalationOpen')}
            title={t('calibration.escalationOpen')}
          >
            <AlertFilled aria-hidden style={{ color: STREAK_OUTLINE }} />
          </span>
        ) : null}
      </Space>
    </Space>
  );
}

/** Monthly calibration: rep × KR rows, a traffic light per month, blockers, requests and open escalations. */
export function CalibrationBoard({
  months,
  rows,
  checkIns,
  escalations,
  regionId: controlledRegion,
  onRegionChange,
  onSelectCell,
  onOpenEscalation,
  locale,
}: CalibrationBoardProps) {
  const t = useWidgetT(locale);
  const [ownRegion, setOwnRegion] = useState<Id | null>(null);
  const regionId = controlledRegion === undefined ? ownRegion : controlledRegion;
  const checkInsById = useMemo(() => new Map(checkIns.map((c) => [c.id, c])), [checkIns]);
  const streaks = useMemo(() => streakCells(rows, escalations), [rows, escalations]);
  const regions = useMemo(() => {
    const map = new Map<Id, string>();
    for (const row of rows) if (row.regionId !== null) map.set(row.regionId, row.regionName);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [rows]);
  const visible = rows.filter((row) => regionId === null || row.regionId === regionId);
  const visibleKrs = new Set(visible.map((row) => row.kr.id));
  const open = escalations.filter((e) => isOpen(e) && visibleKrs.has(e.krId));
  const rowByKr = new Map(rows.map((row) => [row.kr.id, row]));

  const changeRegion = (next: Id | null) => {
    if (controlledRegion === undefined) setOwnRegion(next);
    onRegionChange?.(next);
  };

  return (
    <div
      data-testid={TEST_IDS.calibration.root}
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      <Space wrap>
        <Select
          data-testid={TEST_IDS.calibration.regionFilter}
          aria-label={t('calibration.filterRegion')}
          placeholder={t('calibration.allRegions')}
          allowClear
          style={{ minWidth: 160 }}
          value={regionId ?? undefined}
          options={regions}
          onChange={(value: Id | undefined) => changeRegion(value ?? null)}
        />
        <span style={{ fontSize: 12, color: NEUTRAL.muted }}>
          {t('calibration.legend')}: <TrafficLight colour="green" t={t} />{' '}
          <TrafficLight colour="amber" t={t} /> <TrafficLight colour="red" t={t} />{' '}
          <StopOutlined aria-hidden /> {t('calibration.blockerLegend')} <ToolOutlined aria-hidden />{' '}
          {t('calibration.requestLegend')}{' '}
          <span style={{ outline: `2px dashed ${STREAK_OUTLINE}`, padding: '0 4px' }}>
            {t('calibration.streak')}
          </span>
        </span>
      </Space>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left', padding: 6 }}>{t('calibration.person')}</th>
              <th style={{ textAlign: 'left', padding: 6 }}>{t('calibration.kr')}</th>
              {months.map((month) => (
                <th key={month} style={{ padding: 6 }}>
                  {month}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, index) => {
              const firstOfPerson = visible[index - 1]?.personId !== row.personId;
              const span = firstOfPerson
                ? visible.slice(index).findIndex((r) => r.personId !== row.personId)
                : 0;
              const coloursByMonth = new Map(row.colours.map((mc) => [mc.month, mc]));
              return (
                <tr key={row.kr.id}>
                  {firstOfPerson && (
                    <th
                      scope="rowgroup"
                      rowSpan={span === -1 ? visible.length - index : span}
                      style={{ textAlign: 'left', padding: 6, verticalAlign: 'top', whiteSpace: 'nowrap' }}
                    >
                      {row.personName}
                      <div style={{ fontWeight: 400, color: NEUTRAL.muted, fontSize: 12 }}>
                        {row.regionName}
                      </div>
                    </th>
                  )}
                  <th scope="row" style={{ textAlign: 'left', padding: 6, fontWeight: 400, maxWidth: 220 }}>
                    {row.kr.title}
                  </th>
                  {months.map((month) => {
                    const colour = coloursByMonth.get(month);
                    const escalationIds = streaks.get(cellKey(row.kr.id, month)) ?? [];
                    const inStreak = escalationIds.length > 0;
                    const checkIn = colour?.checkInId ? checkInsById.get(colour.checkInId) : undefined;
                    const escalated = open.some((e) => e.krId === row.kr.id && e.month === month);
                    return (
                      <td
                        key={month}
                        data-testid={TEST_IDS.calibration.cell(row.kr.id, month)}
                        data-colour={colour?.colour ?? 'none'}
                        data-streak={inStreak ? escalationIds.join(' ') : undefined}
                        aria-description={inStreak ? t('calibration.streak') : undefined}
                        style={cellStyle(colour, inStreak)}
                      >
                        {colour ? (
                          <button
                            type="button"
                            onClick={() => onSelectCell?.(row.kr.id, month, colour.checkInId)}
                            style={{
                              all: 'unset',
                              cursor: onSelectCell ? 'pointer' : 'default',
                              display: 'block',
                            }}
                          >
                            <CellContent colour={colour} checkIn={checkIn} escalated={escalated} t={t} />
                          </button>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-label={t('calibration.escalations')}>
        <h4 style={{ margin: '4px 0' }}>{t('calibration.escalations')}</h4>
        <List
          size="small"
          dataSource={open}
          locale={{ emptyText: t('calibration.noEscalations') }}
          renderItem={(escalation) => {
            const row = rowByKr.get(escalation.krId);
            return (
              <List.Item
                data-testid={TEST_IDS.calibration.escalation(escalation.id)}
                actions={
                  onOpenEscalation
                    ? [
                        <Button key="open" size="small" onClick={() => onOpenEscalation(escalation.id)}>
                          {t('calibration.openEscalation')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space wrap>
                  <Tag color={escalation.reason === 'red' ? 'volcano' : 'gold'}>
                    {t(`calibration.reason.${escalation.reason}`)}
                  </Tag>
                  <span>
                    {t('calibration.raised', {
                      person: row?.personName ?? escalation.raisedById,
                      month: escalation.month,
                      kr: row?.kr.title ?? escalation.krId,
                    })}
                  </span>
                  {escalation.detail && <span style={{ color: NEUTRAL.muted }}>{escalation.detail}</span>}
                </Space>
              </List.Item>
            );
          }}
        />
      </section>
    </div>
  );
}

export default CalibrationBoard;
