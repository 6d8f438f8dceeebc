import type { Db } from '../storage/queries.ts';

/** The dashboard's "before" line of one cycle: the metrics as they were before OKR Align. */
export interface MetricBaseline {
  cycleId: string;
  /** 0..1, like `alignmentRate` of the metrics. */
  alignmentRate: number | null;
  /** Days, like `averageResponseDays`. */
  averageResponseDays: number | null;
  /** 0..1, like `highMarginShare`. */
  highMarginShare: number | null;
  /** Where the figures come from (e.g. `demo:case-study`, `hr`). */
  source: string;
  updatedAt: string;
  updatedById: string | null;
}

export type MetricBaselineInput = Pick<
  MetricBaseline,
  'cycleId' | 'alignmentRate' | 'averageResponseDays' | 'highMarginShare' | 'source'
>;

export async function getMetricBaseline(db: Db, cycleId: string): Promise<MetricBaseline | null> {
  const row = await db
    .selectFrom('metric_baselines')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
  if (!row) return null;
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    cycleId: row.cycle_id,
    alignmentRate: num(row.alignment_rate),
    averageResponseDays: num(row.average_response_days),
    highMarginShare: num(row.high_margin_share),
    source: row.source,
    updatedAt: row.updated_at,
    updatedById: row.updated_by_id,
  };
}

/** Writes (inserts or replaces) the baseline of a cycle. */
export async function putMetricBaseline(
  db: Db,
  input: MetricBaselineInput,
  at: Date,
  byId: string | null,
): Promise<MetricBaseline> {
  const values = {
    alignment_rate: input.alignmentRate,
    average_response_days: input.averageResponseDays,
    high_margin_share: input.highMarginShare,
    source: input.source,
    updated_at: at.toISOString(),
    updated_by_id: byId,
  };
  const found = await db
    .selectFrom('metric_baselines')
    .select('cycle_id')
    .where('cycle_id', '=', input.cycleId)
    .executeTakeFirst();
  if (found)
    await db.updateTable('metric_baselines').set(values).where('cycle_id', '=', input.cycleId).execute();
  else
    await db
      .insertInto('metric_baselines')
      .values({ cycle_id: input.cycleId, ...values })
      .execute();
  return { ...input, updatedAt: values.updated_at, updatedById: byId };
}
