import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toLang } from '../../../plugin/notify/messages.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { forbidden } from '../http-error.ts';
import { HQ, reportForScope } from '../reports/calibration-report.ts';
import { reportPage } from '../reports/report-page.ts';
import { computeCalibrationReport, getReport, listReports, storeReport } from '../reports/report-store.ts';
import { reportWorkbook } from '../reports/report-workbook.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { localParts } from '../schedules/zoned-time.ts';
import { month } from './support.ts';

const READERS = ['admin', 'hr', 'strategy', 'manager'] as const;
const monthParams = { type: 'object', required: ['month'], properties: { month } } as const;
const scopeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', minLength: 1, maxLength: 100 },
    lang: { type: 'string', enum: ['zh-CN', 'en-US'] },
  },
} as const;

type ScopedRequest = FastifyRequest<{
  Params: { month: string };
  Querystring: { scope?: string; lang?: string };
}>;

/** A manager reads the report of their own region; hr, strategy and admin read every scope (HQ by default). */
function scopeOf(req: ScopedRequest): string {
  const user = requireUser(req);
  const asked = req.query.scope;
  if (user.role === 'manager') {
    if (!user.regionId || (asked !== undefined && asked !== user.regionId)) {
      throw forbidden(
        `reports: a manager reads the report of their own region (${user.regionId ?? 'none'}); ask for scope=${user.regionId ?? ''}`,
      );
    }
    return user.regionId;
  }
  return asked ?? HQ;
}

/** Monthly calibration reports: list, generate, and download as JSON, Excel workbook or printable page. */
export async function reportRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { ndb, store } = await notifyServicesOf(app, ctx);

  app.get('/api/reports/calibration', { config: { access: READERS } }, async () => listReports(ndb));

  app.post<{ Body: { month: string } }>(
    '/api/reports/calibration/generate',
    {
      config: { access: ['hr', 'admin'] },
      schema: {
        body: { type: 'object', required: ['month'], additionalProperties: false, properties: { month } },
      },
    },
    async (req, reply) => {
      const { document } = await store.current();
      const now = ctx.now();
      const report = await computeCalibrationReport(
        ctx.db,
        req.body.month,
        localParts(now, document.timeZone).date,
        now,
      );
      const stored = await storeReport(ndb, report, true);
      return reply.status(201).send({
        month: stored.month,
        generatedAt: stored.generatedAt,
        settingsVersion: stored.settingsVersion,
      });
    },
  );

  app.get<{ Params: { month: string }; Querystring: { scope?: string; lang?: string } }>(
    '/api/reports/calibration/:month',
    { config: { access: READERS }, schema: { params: monthParams, querystring: scopeQuery } },
    async (req) => reportForScope(await getReport(ndb, req.params.month), scopeOf(req)),
  );

  app.get<{ Params: { month: string }; Querystring: { scope?: string; lang?: string } }>(
    '/api/reports/calibration/:month/workbook',
    { config: { access: READERS }, schema: { params: monthParams, querystring: scopeQuery } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const report = reportForScope(await getReport(ndb, req.params.month), scope);
      const body = await reportWorkbook(report, toLang(req.query.lang));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="calibration-${req.params.month}-${scope}.xlsx"`)
        .send(body);
    },
  );

  app.get<{ Params: { month: string }; Querystring: { scope?: string; lang?: string } }>(
    '/api/reports/calibration/:month/page',
    { config: { access: READERS }, schema: { params: monthParams, querystring: scopeQuery } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const report = reportForScope(await getReport(ndb, req.params.month), scope);
      return reply.type('text/html; charset=utf-8').send(reportPage(report, scope, toLang(req.query.lang)));
    },
  );
}
