import type { KeyResult, MetricKind } from '../../domain/types.ts';
import { badRequest } from '../errors.ts';
import { amount } from '../input.ts';

export interface Range {
  min: number;
  max: number;
}

/**
 * Where a KR's baseline and target may lie for its metric: counts, money and milestones are never
 * negative, a percentage is 0–100, nothing is beyond the input limit (no 1e20 progress).
 */
export function figureRange(metric: MetricKind): Range {
  return metric === 'percent' ? { min: 0, max: 100 } : { min: 0, max: amount.maximum };
}

/**
 * Where a check-in value may lie: the metric's range, widened to the KR's own baseline and target
 * when they lie outside it (a growth rate aimed at 120 %, a KR stored before the bounds existed).
 */
export function valueRange(kr: Pick<KeyResult, 'metric' | 'baseline' | 'target'>): Range {
  const { min, max } = figureRange(kr.metric);
  return {
    min: Math.max(amount.minimum, Math.min(min, kr.baseline, kr.target)),
    max: Math.min(amount.maximum, Math.max(max, kr.baseline, kr.target)),
  };
}

type Figures = Pick<KeyResult, 'metric' | 'baseline' | 'target'>;

/**
 * Refuses figures outside the metric's range and a target equal to its baseline. On an edit only the
 * figures that change are held to the range (a stored figure is not refused for a later rule), unless
 * the metric changes too.
 */
export function checkFigures(after: Figures, before: Figures | null, where: string): void {
  const range = figureRange(after.metric);
  const metricChanged = before !== null && before.metric !== after.metric;
  for (const field of ['baseline', 'target'] as const) {
    const value = after[field];
    const changed = before === null || metricChanged || before[field] !== value;
    if (changed && (value < range.min || value > range.max))
      throw badRequest(
        'out-of-bounds',
        `${where}: ${field} ${value} is outside ${range.min} … ${range.max} for a ${after.metric} key result; enter a value in that range`,
        { params: { field, value, ...range } },
      );
  }
  const figuresChanged =
    before === null || before.baseline !== after.baseline || before.target !== after.target;
  if (figuresChanged && after.target === after.baseline)
    throw badRequest(
      'target-equals-baseline',
      `${where}: the target equals the baseline (${after.baseline}); a key result aims at a different value`,
      { params: { value: after.baseline } },
    );
}

/** A rationale once written is edited, never silently wiped by an empty field. */
export function checkRationaleKept(before: string, sent: string | undefined, where: string): void {
  if (sent !== undefined && before.trim() !== '' && sent.trim() === '')
    throw badRequest(
      'rationale-required',
      `${where}: the rationale had text and would be emptied; send the edited rationale instead`,
    );
}
