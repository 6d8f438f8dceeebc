import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldsOf, IMPORT_KINDS, type ImportKind } from '../../../plugin/app/import-fields.ts';
import type { Role } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import type { ErrorCode } from '../error-codes.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { ImportAdmission, ImportBusyError } from '../import/import-admission.ts';
import { ImportFileError, MAX_CELL_CHARS, MAX_IMPORT_BYTES, MAX_ROWS } from '../import/import-limits.ts';
import { IMPORT_TEMPLATE_LANGS, importTemplate, type TemplateLang } from '../import/import-template.ts';
import { ImportWorkers } from '../import/import-workers.ts';
import { IMPORT_MODES, type ImportMode, type ImportRequest, runImport } from '../import/run-import.ts';
import { ImportMappingError } from '../import/validate-rows.ts';

export { MAX_IMPORT_BYTES } from '../import/import-limits.ts';

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
const MB = 1024 * 1024;

function options(kind: ImportKind, file: string, o: ImportOptions, queryDryRun: boolean): ImportRequest {
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
    file,
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
    'import-file-too-large',
    `${WHERE}: the file is larger than ${MAX_IMPORT_BYTES} bytes; split it`,
    { params: { limitMb: MAX_IMPORT_BYTES / MB } },
  );

/** Streams the one file part to `path` (never whole in memory) and collects the option fields. */
async function fromMultipart(req: FastifyRequest, path: string): Promise<ImportOptions> {
  let gotFile = false;
  const o: ImportOptions = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (gotFile) throw badRequest('import-file', `${WHERE}: send one file per import`);
        gotFile = true;
        await pipeline(part.file, createWriteStream(path));
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
  if (!gotFile) throw badRequest('import-file', `${WHERE}: no file; send it in a form field named "file"`);
  return o;
}

async function fromJson(body: unknown, path: string): Promise<ImportOptions> {
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
  const bytes = Buffer.from(b.contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge();
  await writeFile(path, bytes);
  return { ...b, fileName: typeof b.fileName === 'string' ? b.fileName : undefined };
}

/** The reply for a file that cannot be imported: a code per cause, with the limit it broke. */
function fileRefusal(e: ImportFileError): HttpError {
  const code = `import-${e.code}` as ErrorCode;
  switch (e.code) {
    case 'file-too-large':
      return new HttpError(413, code, e.message, {
        params: { limitMb: Math.round((e.limit ?? MAX_IMPORT_BYTES) / MB) },
      });
    case 'too-many-rows':
      return new HttpError(400, code, e.message, { params: { limit: e.limit ?? MAX_ROWS } });
    case 'cell-too-long':
      return new HttpError(400, code, e.message, { params: { limit: e.limit ?? MAX_CELL_CHARS } });
    default:
      return new HttpError(400, code, e.message);
  }
}

function busyRefusal(e: ImportBusyError, reply: FastifyReply): HttpError {
  reply.header('retry-after', '5');
  return e.scope === 'user'
    ? new HttpError(429, 'import-busy', e.message, { params: { limit: e.limit } })
    : new HttpError(503, 'import-server-busy', e.message);
}

/**
 * File imports of activity and key-account data (.xlsx or CSV) with a column mapping, for hr, admin
 * and managers (their region's people only). `?dryRun=true` (or field `dryRun`) previews without writing.
 * A user may have MAX_IMPORTS_PER_USER imports in flight and the server MAX_IMPORTS_IN_FLIGHT; files
 * are read on worker threads (ImportWorkers), each within the limits of import-limits.ts.
 */
export async function importRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const admission = new ImportAdmission();
  const workers = new ImportWorkers();
  app.addHook('onClose', () => workers.close());

  // What a mapping screen offers: the target fields of each kind (labels: `import.field.<kind>.<field>`).
  app.get('/api/import-fields', { config: { access: IMPORTERS } }, async () => ({
    kinds: Object.fromEntries(IMPORT_KINDS.map((k) => [k, fieldsOf(k)])),
    modes: IMPORT_MODES,
    moneyUnits: ['yuan', 'cents'],
    maxBytes: MAX_IMPORT_BYTES,
    maxRows: MAX_ROWS,
    maxCellChars: MAX_CELL_CHARS,
  }));

  // An .xlsx to fill in: the kind's columns, an example row, and a sheet with the accepted formats.
  app.get<{ Params: { kind: ImportKind }; Querystring: { lang?: TemplateLang } }>(
    '/api/import-template/:kind',
    {
      config: { access: IMPORTERS },
      schema: {
        params: { type: 'object', required: ['kind'], properties: { kind: { enum: [...IMPORT_KINDS] } } },
        querystring: { type: 'object', properties: { lang: { enum: [...IMPORT_TEMPLATE_LANGS] } } },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? 'zh-CN';
      const bytes = await importTemplate(req.params.kind, lang, ctx.now());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="okr-import-${req.params.kind}-${lang}.xlsx"`)
        .send(bytes);
    },
  );

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
        // A place is taken before the body is read, so refused uploads cost nothing.
        preParsing: async (req, reply, payload) => {
          try {
            const release = admission.admit(requireUser(req).personId);
            reply.raw.once('close', release);
            workers.warm();
          } catch (e) {
            throw e instanceof ImportBusyError ? busyRefusal(e, reply) : e;
          }
          return payload;
        },
      },
      async (req, reply) => {
        const user = requireUser(req);
        const kind = req.params.kind as ImportKind;
        const dir = await mkdtemp(join(tmpdir(), 'okr-import-'));
        try {
          const file = join(dir, 'upload');
          const o = req.isMultipart() ? await fromMultipart(req, file) : await fromJson(req.body, file);
          const request = options(kind, file, o, req.query.dryRun === true);
          const result = await runImport(
            { db: ctx.db, now: () => ctx.now(), can, check: (job) => workers.check(job) },
            user,
            request,
          );
          if (!result.dryRun && result.created + result.updated > 0) ctx.rules.schedule();
          return reply.status(result.refused && !result.dryRun ? 422 : 200).send(result);
        } catch (e) {
          if (e instanceof ImportFileError) throw fileRefusal(e);
          if (e instanceof ImportMappingError)
            throw badRequest('import-mapping', e.message, { problems: e.problems });
          throw e;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
