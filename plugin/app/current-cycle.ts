import type { Cycle } from '../domain/types.ts';

/** The cycle containing `today`, else the latest that started before it, else the first: every host's "current". */
export function pickCurrentCycle(cycles: readonly Cycle[], today: string): Cycle | null {
  const sorted = [...cycles].sort((a, b) => a.start.localeCompare(b.start));
  const containing = sorted.find((c) => c.start <= today && today <= c.end);
  if (containing) return containing;
  return sorted.filter((c) => c.start <= today).at(-1) ?? sorted[0] ?? null;
}
