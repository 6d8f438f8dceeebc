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
  peerReview: { minReviewers: number; trimMinReviewers: number };
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
  };
  health: {
    signedDealsPerMonth: number;
    clientVisitsPerMonth: number;
    proposalConversionPercent: number;
    keyClientCoveragePercent: number;
    highMarginSharePercent: number;
  };
}
