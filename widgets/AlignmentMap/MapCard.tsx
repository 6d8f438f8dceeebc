import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { Button, Progress } from 'antd';
import type { CSSProperties } from 'react';
import type { Colour } from '../../plugin/domain/types.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, TRAFFIC_COLOURS } from '../shared/palette.ts';
import { TrafficLight } from '../shared/TrafficLight.tsx';
import type { MapNode, MapSummary } from './map-tree.ts';

export const CARD_WIDTH = 232;

const STRIPE: Record<MapNode['kind'], string> = {
  objective: '#0072B2',
  unlinked: '#8c8c8c',
  region: '#56B4E9',
  person: '#CC79A7',
  kr: '#d9d9d9',
};

const percent = (p: number) => `${Math.round(p * 100)}%`;
const clamp2: CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  wordBreak: 'break-word',
};

/** Green / amber / red shares of a subtree as one thin bar (the words are in the line under it). */
function ColourBar({ colours }: { colours: MapSummary['colours'] }) {
  const total = colours.green + colours.amber + colours.red;
  if (total === 0) return null;
  return (
    <div
      aria-hidden
      style={{ display: 'flex', height: 4, borderRadius: 2, overflow: 'hidden', marginTop: 4 }}
    >
      {(['green', 'amber', 'red'] as Colour[]).map((c) =>
        colours[c] ? (
          <span key={c} style={{ flex: colours[c], background: TRAFFIC_COLOURS[c].strong }} />
        ) : null,
      )}
    </div>
  );
}

function GroupFacts({ node, t }: { node: MapNode; t: WidgetT }) {
  const s = node.summary;
  const parts = [
    t('map.count', { count: s.krs }),
    s.progress === null ? t('map.noProgress') : t('map.progress', { percent: percent(s.progress) }),
    t('map.score', { score: s.score }),
  ];
  return (
    <>
      <div style={{ color: NEUTRAL.muted, fontSize: 12 }}>{parts.join(' · ')}</div>
      <ColourBar colours={s.colours} />
      {s.colours.green + s.colours.amber + s.colours.red > 0 && (
        <div style={{ color: NEUTRAL.muted, fontSize: 12 }}>{t('map.colours', s.colours)}</div>
      )}
      {s.below > 0 && (
        <div style={{ color: '#8a5a00', fontSize: 12 }}>⚠ {t('map.below', { count: s.below })}</div>
      )}
    </>
  );
}

function KrFacts({ node, t }: { node: MapNode; t: WidgetT }) {
  const { card, status } = node;
  if (!card) return null;
  const colour = status?.colour ?? null;
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 12, color: NEUTRAL.muted }}>
        {colour && <TrafficLight colour={colour} t={t} compact />}
        <span style={{ color: card.belowThreshold ? '#8a5a00' : NEUTRAL.muted }}>
          {card.belowThreshold ? '⚠ ' : ''}
          {t('map.score', { score: Math.round(card.score) })}
        </span>
        {node.weight !== undefined && <span>{t('map.weight', { weight: node.weight })}</span>}
      </div>
      {status?.progress == null ? (
        <div style={{ color: NEUTRAL.muted, fontSize: 12 }}>{t('map.noProgress')}</div>
      ) : (
        <Progress
          percent={Math.round(status.progress * 100)}
          size="small"
          strokeColor={colour ? TRAFFIC_COLOURS[colour].strong : undefined}
          format={(p) => `${p}%`}
          aria-label={t('map.progress', { percent: percent(status.progress) })}
        />
      )}
    </>
  );
}

/** One card of the alignment tree: an Objective, a region, a person or a KR, with how it stands. */
export function MapCard(props: {
  node: MapNode;
  open: boolean;
  t: WidgetT;
  onToggle: () => void;
  onOpenKr?: (krId: string) => void;
}) {
  const { node, open, t } = props;
  const isKr = node.kind === 'kr';
  const openKr = isKr && props.onOpenKr && node.card ? () => props.onOpenKr?.(node.card!.kr.id) : undefined;
  return (
    <div
      data-testid={`map-card-${node.kind}`}
      data-key={node.key}
      style={{
        width: CARD_WIDTH,
        flex: 'none',
        boxSizing: 'border-box',
        background: '#fff',
        border: `1px ${node.kind === 'unlinked' ? 'dashed' : 'solid'} ${NEUTRAL.border}`,
        borderLeft: `4px solid ${STRIPE[node.kind]}`,
        borderRadius: 8,
        padding: '6px 8px',
        boxShadow: '0 1px 2px rgba(0,0,0,0.06)',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 4 }}>
        {isKr ? null : (
          <Button
            type="text"
            size="small"
            aria-expanded={open}
            aria-label={t(open ? 'map.collapse' : 'map.expand', { title: node.title })}
            icon={open ? <CaretDownOutlined /> : <CaretRightOutlined />}
            onClick={props.onToggle}
            style={{ marginLeft: -4 }}
          />
        )}
        {openKr ? (
          <button
            type="button"
            onClick={openKr}
            aria-label={t('map.openKr', { title: node.title })}
            title={t('map.openKr', { title: node.title })}
            style={{
              background: 'none',
              border: 0,
              padding: 0,
              font: 'inherit',
              textAlign: 'left',
              cursor: 'pointer',
              fontWeight: 500,
              color: '#0958d9',
            }}
          >
            <span style={clamp2}>{node.title}</span>
          </button>
        ) : (
          <span
            title={node.title}
            style={{ ...clamp2, fontWeight: node.kind === 'kr' ? 500 : 600, color: NEUTRAL.text }}
          >
            {node.title}
          </span>
        )}
      </div>
      {isKr ? <KrFacts node={node} t={t} /> : <GroupFacts node={node} t={t} />}
    </div>
  );
}
