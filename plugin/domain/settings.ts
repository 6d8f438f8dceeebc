/**
 * The settings document. Its source of truth is `rules/settings.schema.json`; this type mirrors it
 * and `test/domain/settings.test.ts` fails when the two drift apart. Percentages are whole numbers (15 = 15 %).
 */
export interface Settings {
  schemaVersion: 1;
  alignment: {
    minScore: number;
    minRationaleLength: number;
    weights: { linked: number; focusMatch: number; rationale: number; managerConfirmed: number };
  };
  calibration: {
    greenMinPacePercent: number;
    amberMinPacePercent: number;
    amberStreakToEscalate: number;
    checkinDueDay: number;
  };
  alerts: { keyClientGapDays: number; krStaleDays: number; escalationResponseTargetDays: number };
  peerReview: {
    minReviewers: number;
    trimMinReviewers: number;
    /** Optional: documents stored before review windows lack them (defaults apply). */
    maxRevieweesPerPerson?: number;
    maxCrossRegionReviewers?: number;
  };
  contribution: {
    peerWeight: number;
    systemWeight: number;
    crossRegionBonusPercent: number;
    progressCapPercent: number;
  };
  pool: {
    ratePercent: number;
    floorPercentOfEqualShare: number;
    capPercentOfEqualShare: number;
    minContribution: number;
    /** How presence in the quarter counts (absent in documents saved before it existed: the defaults). */
    tenure?: PoolTenure;
  };
  health: {
    signedDealsPerMonth: number;
    clientVisitsPerMonth: number;
    proposalConversionPercent: number;
    keyClientCoveragePercent: number;
    highMarginSharePercent: number;
  };
}

/** How a person who joined or left mid-quarter shares the pool (`settings.pool.tenure`). */
export type PoolTenure = {
  /**
   * `pro-rata-days`: share × days present / days of the quarter; `full-if-present-on-end`: a full
   * share when present on the quarter's last day, else none; `exclude-if-under-days`: a full share
   * from `minDays` days present, else none.
   */
  mode: 'pro-rata-days' | 'full-if-present-on-end' | 'exclude-if-under-days';
  minDays: number;
};
