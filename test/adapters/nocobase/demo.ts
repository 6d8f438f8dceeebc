import demo from '../../../host/demo/case-study.snapshot.json' with { type: 'json' };
import type { Snapshot } from '../../../plugin/domain/types.ts';

/** A fresh copy of the case-study snapshot. */
export const demoSnapshot = (): Snapshot => structuredClone(demo) as Snapshot;
