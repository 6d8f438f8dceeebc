import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { fieldsOf, IMPORT_KINDS, type ImportKind } from '../import/import-fields.ts';
import { ImportFileError } from '../import/read-table.ts';
import { IMPORT_MODES, type ImportMode, type ImportRequest, runImport } from '../import/run-import.ts';
import { ImportMappingError } from '../import/validate-rows.ts';

/** Largest file accepted (a year of CRM rows for a sales team is far below). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

interface ImportOptions {
  fileName?: string;
  mapping?: unknown;
  mode?: unknown;
  dryRun?: unknown;
  moneyUnit?: unknown;
  sheet?: unknown;
}

const WHERE = 'POST /api/import/:kind';
const IMPORTERS: readonly Role[] = ['hr', 'admin', 'manager'];

function options(kind: ImportKind, bytes: Uint8Array, o: ImportOptions, queryDryRun: boolean): ImportRequest {
  let mapping = o.mapping;
  if (typeof mapping === 'string') {
    try {
      mapping = JSON.parse(mapping);
    } catch {
      throw badRequest(
        'import-mapping',
        `${WHERE}: "mapping" is not JSON; send {"source column": "field", …}`,
      );
    }
  }
  if (
    typeof mapping !== 'object' ||
    mapping === null ||
    Array.isArray(mapping) ||
    !Object.values(mapping).every((v) => typeof v === 'string')
  ) {
    throw badRequest('import-mapping', `${WHERE}: "mapping" must map each source column to a field name`);
  }
  const mode = (o.mode ?? 'all-or-nothing') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) {
    throw badRequest('import-mode', `${WHERE}: "mode" must be one of ${IMPORT_MODES.join(', ')}`);
  }
  const moneyUnit = o.moneyUnit ?? 'yuan';
  if (moneyUnit !== 'yuan' && moneyUnit !== 'cents') {
    throw badRequest('import-money-unit', `${WHERE}: "moneyUnit" must be yuan or cents`);
  }
  if (o.sheet !== undefined && typeof o.sheet !== 'string')
    throw badRequest('import-sheet', `${WHERE}: "sheet" must be a sheet name`);
  const dryRun = queryDryRun || o.dryRun === true || o.dryRun === 'true';
  return {
    kind,
    bytes,
    ...(o.fileName ? { fileName: o.fileName } : {}),
    ...(typeof o.sheet === 'string' ? { sheet: o.sheet } : {}),
    mapping: mapping as Record<string, string>,
    mode,
    dryRun,
    moneyUnit,
  };
}

const tooLarge = () =>
  new HttpError(
    413,
    'body-too-large',
    `${WHERE}: the file is larger than ${MAX_IMPORT_BYTES} bytes; split it`,
  );

async function fromMultipart(req: FastifyRequest): Promise<{ bytes: Uint8Array; o: ImportOptions }> {
  let bytes: Uint8Array | null = null;
  const o: ImportOptions = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (bytes) throw badRequest('import-file', `${WHERE}: send one file per import`);
        bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge();
        o.fileName = part.filename;
      } else if (['mapping', 'mode', 'dryRun', 'moneyUnit', 'sheet'].includes(part.fieldname)) {
        (o as Record<string, unknown>)[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw e;
  }
  if (!bytes) throw badRequest('import-file', `${WHERE}: no file; send it in a form field named "file"`);
  return { bytes, o };
}

function fromJson(body: unknown): { bytes: Uint8Array; o: ImportOptions } {
  const b = (body ?? {}) as ImportOptions & { contentBase64?: unknown; fileName?: unknown };
  if (typeof b.contentBase64 !== 'string' || b.contentBase64.length === 0) {
    throw badRequest(
      'import-file',
      `${WHERE}: send the file as multipart "file", or JSON with "contentBase64"`,
    );
  }
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(b.contentBase64)) {
    throw badRequest('import-file', `${WHERE}: "contentBase64" is not base64`);
  }
  return {
    bytes: Buffer.from(b.contentBase64, 'base64'),
    o: { ...b, fileName: typeof b.fileName === 'string' ? b.fileName : undefined },
  };
}

/**
 * File imports of activity and key-account data (.xlsx or CSV) with a column mapping, for hr, admin
 * and managers (their region's people only). `?dryRun=true` (or field `dryRun`) previews without writing.
 */
export async function importRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // What a mapping screen offers: the target fields of each kind (labels: `import.field.<kind>.<field>`).
  app.get('/api/import-fields', { config: { access: IMPORTERS } }, async () => ({
    kinds: Object.fromEntries(IMPORT_KINDS.map((k) => [k, fieldsOf(k)])),
    modes: IMPORT_MODES,
    moneyUnits: ['yuan', 'cents'],
    maxBytes: MAX_IMPORT_BYTES,
  }));

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
    scope.post<{ Params: { kind: string }; Querystring: { dryRun?: boolean } }>(
      '/api/import/:kind',
      {
        config: { access: IMPORTERS },
        // Base64 makes a file about 4/3 larger.
        bodyLimit: Math.ceil(MAX_IMPORT_BYTES * 1.4),
        schema: {
          params: { type: 'object', required: ['kind'], properties: { kind: { enum: [...IMPORT_KINDS] } } },
          querystring: { type: 'object', properties: { dryRun: { type: 'boolean' } } },
        },
      },
      async (req, reply) => {
        const user = requireUser(req);
        const kind = req.params.kind as ImportKind;
        const { bytes, o } = req.isMultipart() ? await fromMultipart(req) : fromJson(req.body);
        const request = options(kind, bytes, o, req.query.dryRun === true);
        try {
          const result = await runImport({ db: ctx.db, now: () => ctx.now(), can }, user, request);
          if (!result.dryRun && result.created + result.updated > 0) ctx.rules.schedule();
          return reply.status(result.refused && !result.dryRun ? 422 : 200).send(result);
        } catch (e) {
          if (e instanceof ImportFileError) throw badRequest(`import-${e.code}`, e.message);
          if (e instanceof ImportMappingError)
            throw badRequest('import-mapping', e.message, { problems: e.problems });
          throw e;
        }
      },
    );
  });
}
