import { type AlignmentFactors, scoreOfFactors } from './alignment.ts';
import type { Settings } from './settings.ts';

export type AlignmentFactorName = keyof AlignmentFactors;

/** What one factor earns of its weight, and what completing it would add. */
export interface FactorPoints {
  factor: AlignmentFactorName;
  weight: number;
  earned: number;
  /** Points still open on this factor (`weight - earned`). */
  missing: number;
}

const NONE: AlignmentFactors = { linked: false, focusMatch: 0, rationale: false, managerConfirmed: false };
const ORDER: AlignmentFactorName[] = ['linked', 'focusMatch', 'rationale', 'managerConfirmed'];
const FULL: AlignmentFactors = { linked: true, focusMatch: 1, rationale: true, managerConfirmed: true };

/** The score broken down by factor, through the domain's own scoring one factor at a time. */
export function factorPoints(factors: AlignmentFactors, settings: Settings): FactorPoints[] {
  return ORDER.map((factor) => {
    const weight = scoreOfFactors({ ...NONE, [factor]: FULL[factor] }, settings);
    const earned = scoreOfFactors({ ...NONE, [factor]: factors[factor] }, settings);
    return { factor, weight, earned, missing: Math.max(0, weight - earned) };
  });
}

/**
 * The factor whose completion raises the score most (ties in factor order: link first), or null when
 * nothing is missing. A reminder names it, so "add the rationale" is never said when the link is missing.
 */
export function biggestGap(factors: AlignmentFactors, settings: Settings): FactorPoints | null {
  let best: FactorPoints | null = null;
  for (const p of factorPoints(factors, settings))
    if (p.missing > 0 && (!best || p.missing > best.missing)) best = p;
  return best;
}
