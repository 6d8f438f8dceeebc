import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { Colour } from '../../plugin/domain/types.ts';
import type { WidgetT } from './i18n.ts';
import { TRAFFIC_COLOURS, VISUALLY_HIDDEN } from './palette.ts';

const ICONS: Record<Colour, typeof CheckCircleFilled> = {
  green: CheckCircleFilled,
  amber: ExclamationCircleFilled,
  red: CloseCircleFilled,
};

/** Icon plus word for a colour, so the state reads without colour vision. */
export function TrafficLight({
  colour,
  t,
  compact = false,
}: {
  colour: Colour;
  t: WidgetT;
  compact?: boolean;
}) {
  const Icon = ICONS[colour];
  const label = t(`colour.${colour}`);
  return (
    <span data-colour={colour} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <Icon aria-hidden style={{ color: TRAFFIC_COLOURS[colour].strong }} />
      {compact ? <span style={VISUALLY_HIDDEN}>{label}</span> : <span>{label}</span>}
    </span>
  );
}
