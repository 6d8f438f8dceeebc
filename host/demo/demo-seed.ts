import type { IsoDate, Snapshot } from '../../plugin/domain/types.ts';
import { caseStudySnapshot } from './case-study.ts';
import { type CaseStudyBaseline, caseStudyBaselines } from './case-study-baselines.ts';
import { relativeDemo } from './relative-demo.ts';

/**
 * Which demo a first start seeds: `relative` (default) is the case study placed in the half year
 * running today, cut at today; `case-study` is the fixed case, cycle 2026-H1, as tests know it;
 * `none` seeds nothing: a company's own start, through the first-run page.
 */
export type DemoKind = 'relative' | 'case-study' | 'none';
export const DEMO_KINDS: readonly DemoKind[] = ['relative', 'case-study', 'none'];
/** A demo that seeds data. */
export type SeededDemoKind = Exclude<DemoKind, 'none'>;

/** Reads the `OKR_DEMO` setting; unset or empty means `relative`. */
export function demoKindOf(value: string | undefined): DemoKind {
  if (value === undefined || value === '') return 'relative';
  const kind = DEMO_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`demo: OKR_DEMO "${value}" is not a demo; use ${DEMO_KINDS.join(', ')}`);
  return kind;
}

export interface DemoSeed {
  kind: SeededDemoKind;
  snapshot: Snapshot;
  baselines: CaseStudyBaseline[];
  /** One line for the start banner, e.g. `the case-study demo in cycle 2026 下半年, up to 2026-11-27`. */
  description: string;
}

/** The snapshot and baselines of a demo as of `today` (`YYYY-MM-DD`). */
export function demoSeed(kind: SeededDemoKind, today: IsoDate): DemoSeed {
  if (kind === 'case-study') {
    const snapshot = caseStudySnapshot();
    return {
      kind,
      snapshot,
      baselines: caseStudyBaselines,
      description: `the case-study demo, fixed in cycle ${snapshot.cycle.name}`,
    };
  }
  const { snapshot, baselines } = relativeDemo(today);
  return {
    kind,
    snapshot,
    baselines,
    description: `the case-study demo in cycle ${snapshot.cycle.name}, up to ${today}`,
  };
}
