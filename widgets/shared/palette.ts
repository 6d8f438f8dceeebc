import type { Colour } from '../../plugin/domain/types.ts';

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. Colour is never the
 * only signal: every traffic light also shows an icon and a word.
 */
export const TRAFFIC_COLOURS: Record<Colour, { strong: string; tint: string }> = {
  green: { strong: '#009E73', tint: '#E0F3EC' },
  amber: { strong: '#E69F00', tint: '#FCF0D6' },
  red: { strong: '#D55E00', tint: '#F8E3D6' },
};

/** Series colours for charts (Okabe–Ito order). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

export const NEUTRAL = { text: '#1f1f1f', muted: '#595959', border: '#d9d9d9', surface: '#fafafa' };

/** Hidden on screen, still read by screen readers. */
export const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
