import { cycleMonths } from '../../../plugin/domain/index.ts';
import { effectiveSettings, ruleSetWithCustom } from '../../../plugin/engine/custom-rules.ts';
import { badRequest, notFound } from '../http-error.ts';
import { publishedCustomRules } from '../routes/custom-rules.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { evaluate } from '../services/engine.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import { buildCalibrationReport, type CalibrationReport } from './calibration-report.ts';
import { customAlertRows } from './custom-alerts.ts';

export interface ReportListing {
  month: string;
  generatedAt: string;
  settingsVersion: number;
}

/**
 * Computes the report of `month` as of the date `at` (`YYYY-MM-DD`) from stored data, the settings in
 * force and the rules in force: the built-in ones plus the published custom rules, which read their
 * declared settings (defaults where HR set none), as the rules runner does.
 */
export async function computeCalibrationReport(
  db: Db,
  month: string,
  at: string,
  now: Date,
): Promise<CalibrationReport> {
  const cycle = await currentCycle(db, `${month}-15`);
  if (!cycle || !cycleMonths(cycle).includes(month)) {
    throw badRequest(
      'no-cycle',
      `reports: no cycle contains ${month}; create the cycle or pick a month inside one`,
    );
  }
  const snapshot = await loadSnapshot(db, cycle);
  const { version, settings } = await currentSettings(db);
  const custom = await publishedCustomRules(db);
  const evaluation = evaluate(snapshot, effectiveSettings(settings, custom), at, ruleSetWithCustom(custom), {
    snapshotFrom: 'storage',
  });
  return buildCalibrationReport({
    snapshot,
    settings,
    settingsVersion: version,
    colours: evaluation.colours,
    customAlerts: customAlertRows(snapshot, custom, evaluation.events, month, at),
    month,
    at,
    generatedAt: now.toISOString(),
  });
}

/**
 * Stores a report. `replace: false` keeps a report already stored for the month (a second
 * scheduler process generating the same month changes nothing) and returns the stored one.
 */
export async function storeReport(
  ndb: NotifyDb,
  report: CalibrationReport,
  replace: boolean,
): Promise<CalibrationReport> {
  const row = {
    month: report.month,
    generated_at: report.generatedAt,
    settings_version: report.settingsVersion,
    report: JSON.stringify(report),
  };
  await ndb.transaction().execute(async (trx) => {
    const q = trx.insertInto('calibration_reports').values(row);
    await (replace
      ? q.onConflict((oc) =>
          oc.column('month').doUpdateSet({
            generated_at: row.generated_at,
            settings_version: row.settings_version,
            report: row.report,
          }),
        )
      : q.onConflict((oc) => oc.column('month').doNothing())
    ).execute();
  });
  return getReport(ndb, report.month);
}

export async function getReport(ndb: NotifyDb, month: string): Promise<CalibrationReport> {
  const row = await ndb
    .selectFrom('calibration_reports')
    .select('report')
    .where('month', '=', month)
    .executeTakeFirst();
  if (!row) throw notFound('calibration report', month);
  return JSON.parse(row.report) as CalibrationReport;
}

export async function listReports(ndb: NotifyDb): Promise<ReportListing[]> {
  const rows = await ndb
    .selectFrom('calibration_reports')
    .select(['month', 'generated_at', 'settings_version'])
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    generatedAt: r.generated_at,
    settingsVersion: Number(r.settings_version),
  }));
}

/** Links to the report of one scope, relative to the site. */
export const reportLinks = (month: string, scope: string) => ({
  page: `/api/reports/calibration/${month}/page?scope=${encodeURIComponent(scope)}`,
  workbook: `/api/reports/calibration/${month}/workbook?scope=${encodeURIComponent(scope)}`,
});
