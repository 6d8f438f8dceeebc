import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  discardCustomRules,
  proposeCustomRules,
  publishCustomRules,
  rollbackCustomRules,
} from '../../../plugin/app/commands/custom-rules.ts';
import { previewCustomRules } from '../../../plugin/app/queries/custom-rules-preview.ts';
import { currentCustomRules, customRuleVersions } from '../../../plugin/app/queries/editor-documents.ts';
import type { CustomRuleDocument } from '../../../plugin/engine/custom-rules.ts';
import { currentRuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { FACT_FIELDS, SUBJECT_FACTS } from '../../../plugin/engine/fact-catalogue.ts';
import { OPERATORS } from '../../../plugin/engine/rule-types.ts';
import { SETTINGS_LEAF_PATHS } from '../../../plugin/engine/settings-paths.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { evaluationPortsOf } from '../services/evaluation-ports.ts';
import type { Db } from '../storage/queries.ts';
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

  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/custom-rules',
    access: READERS,
    command: currentCustomRules,
  });
  app.get('/api/custom-rules/catalogue', { config: { access: READERS } }, async () => ({
    facts: FACT_FIELDS,
    levels: SUBJECT_FACTS,
    operators: OPERATORS,
    settings: SETTINGS_LEAF_PATHS,
  }));

  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/custom-rules/versions',
    access: READERS,
    command: customRuleVersions,
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
      return previewCustomRules(evaluationPortsOf(ctx), req.body);
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
