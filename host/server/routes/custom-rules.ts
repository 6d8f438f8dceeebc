import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  checkedDocument,
  discardCustomRules,
  proposeCustomRules,
  publishCustomRules,
  rollbackCustomRules,
} from '../../../plugin/app/commands/custom-rules.ts';
import { evaluationDate } from '../../../plugin/app/queries/evaluation.ts';
import { type CustomRuleDocument, customEventTypes } from '../../../plugin/engine/custom-rules.ts';
import { compareRuleEvents } from '../../../plugin/engine/custom-rules-preview.ts';
import { currentRuleVersion, ruleVersionsWithDiff } from '../../../plugin/engine/custom-rules-versions.ts';
import { defaultRuleSet } from '../../../plugin/engine/default-rules.ts';
import { FACT_FIELDS, SUBJECT_FACTS } from '../../../plugin/engine/fact-catalogue.ts';
import { OPERATORS } from '../../../plugin/engine/rule-types.ts';
import { SETTINGS_LEAF_PATHS } from '../../../plugin/engine/settings-paths.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { currentSettings } from '../services/settings-service.ts';
import type { Db } from '../storage/queries.ts';
import { currentCycle, loadSnapshot } from '../storage/queries.ts';
import { commandRoute } from './command-route.ts';
import { toRuleVersion } from './custom-rules-rows.ts';

const ADMIN = ['admin'] as const;
const READERS = ['admin', 'hr'] as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const versionInPath = (req: FastifyRequest) => {
  const raw = (req.params as { version: string }).version;
  return { version: /^\d{1,9}$/.test(raw) ? Number(raw) : raw };
};

const ruleVersions = async (db: Db) =>
  (await db.selectFrom('rule_versions').selectAll().execute()).map(toRuleVersion);

/** The custom rules the engine runs: the published version's document (none before the first). */
export async function publishedCustomRules(db: Db): Promise<CustomRuleDocument> {
  return currentRuleVersion(await ruleVersions(db)).document;
}

/** The admin's custom rules: catalogue, versions (propose, preview, publish, roll back). */
export function customRuleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  ctx.evaluator.customRules = () => publishedCustomRules(ctx.db);

  app.get('/api/custom-rules', { config: { access: READERS } }, async (req) => {
    authorize(req, 'read', { type: 'customRules' }, 'custom rules');
    const current = currentRuleVersion(await ruleVersions(ctx.db));
    return {
      current,
      eventTypes: customEventTypes(current.document),
      builtIn: defaultRuleSet().rules.map((r) => ({
        name: r.name,
        file: r.file,
        level: r.subject,
        eventType: r.eventType,
        description: r.definition.description ?? null,
      })),
    };
  });

  app.get('/api/custom-rules/catalogue', { config: { access: READERS } }, async () => ({
    facts: FACT_FIELDS,
    levels: SUBJECT_FACTS,
    operators: OPERATORS,
    settings: SETTINGS_LEAF_PATHS,
  }));

  app.get('/api/custom-rules/versions', { config: { access: READERS } }, async (req) => {
    authorize(req, 'read', { type: 'customRules' }, 'custom rules');
    return ruleVersionsWithDiff(await ruleVersions(ctx.db));
  });

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/custom-rules/proposals',
    access: ADMIN,
    command: proposeCustomRules,
    status: () => 201,
  });

  app.post<{ Body: { document?: unknown; version?: number } }>(
    '/api/custom-rules/preview',
    {
      config: { access: ADMIN },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { document: anyObject, version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (req) => {
      authorize(req, 'create', { type: 'customRules' }, 'custom rules');
      const all = await ruleVersions(ctx.db);
      let proposed: unknown = req.body.document;
      if (proposed === undefined) {
        const stored = all.find((v) => v.version === req.body.version);
        if (!stored)
          throw badRequest(
            'nothing-to-preview',
            'custom rules preview: send "document" or the "version" of a stored proposal',
          );
        proposed = stored.document;
      }
      const document = checkedDocument(proposed);
      const cycle = await currentCycle(ctx.db, ctx.today());
      if (!cycle)
        throw badRequest(
          'no-cycle',
          'custom rules preview: there is no cycle to evaluate; create a cycle first',
        );
      const snapshot = await loadSnapshot(ctx.db, cycle);
      const { settings } = await currentSettings(ctx.db);
      const at = evaluationDate(cycle, ctx.today());
      const current = currentRuleVersion(all).document;
      const [before, after] = await Promise.all([
        ctx.evaluator.evaluate(snapshot, settings, at, { snapshotFrom: 'storage' }, current),
        ctx.evaluator.evaluate(snapshot, settings, at, { snapshotFrom: 'storage' }, document),
      ]);
      return compareRuleEvents(snapshot, before.events, after.events, at);
    },
  );

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/custom-rules/versions/:version/publish',
    access: ADMIN,
    command: publishCustomRules,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/custom-rules/versions/:version/discard',
    access: ADMIN,
    command: discardCustomRules,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/custom-rules/rollback',
    access: ADMIN,
    command: rollbackCustomRules,
  });
}
