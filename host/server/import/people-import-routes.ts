import type { FastifyInstance } from 'fastify';
import { runCommand } from '../../../plugin/app/command.ts';
import { appPortsOf } from '../app-ports.ts';
import type { ServerContext } from '../context.ts';
import type { ErrorCode } from '../error-codes.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { ImportFileError, MAX_IMPORT_BYTES } from './import-limits.ts';
import { IMPORT_TEMPLATE_LANGS, type TemplateLang } from './import-template.ts';
import { peopleTemplate } from './people-fields.ts';
import { importPeople, validatePeople } from './people-import.ts';
import { readTable } from './read-table.ts';
import { ImportMappingError } from './validate-rows.ts';

const ADMIN = ['admin'] as const;

/** A file that cannot be read: its `import-…` code, with the limit the words name. */
function fileRefusal(e: ImportFileError): HttpError {
  const code = `import-${e.code}` as ErrorCode;
  if (e.code === 'file-too-large')
    return new HttpError(413, code, e.message, {
      params: { limitMb: Math.round(MAX_IMPORT_BYTES / 1024 / 1024) },
    });
  return new HttpError(400, code, e.message, e.limit !== undefined ? { params: { limit: e.limit } } : {});
}

/**
 * People from an Excel or CSV file, for admins: `GET /api/people-import/template` is the .xlsx to
 * fill in; `POST /api/people-import` (JSON: `fileName`, `contentBase64`) checks every row and adds
 * all people through `person.create`, or none when a row is refused (422 with the rows' issues).
 */
export function peopleImportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { lang?: TemplateLang } }>(
    '/api/people-import/template',
    {
      config: { access: ADMIN },
      schema: { querystring: { type: 'object', properties: { lang: { enum: [...IMPORT_TEMPLATE_LANGS] } } } },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? 'zh-CN';
      const regions = await ctx.db.selectFrom('regions').select('name').orderBy('name').execute();
      const bytes = await peopleTemplate(
        lang,
        regions.map((r) => r.name),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="okr-people-${lang}.xlsx"`)
        .send(bytes);
    },
  );

  app.post<{ Body: { fileName: string; contentBase64: string } }>(
    '/api/people-import',
    {
      config: { access: ADMIN },
      bodyLimit: Math.ceil(MAX_IMPORT_BYTES * 1.4),
      schema: {
        body: {
          type: 'object',
          required: ['fileName', 'contentBase64'],
          additionalProperties: false,
          properties: {
            fileName: { type: 'string', minLength: 1, maxLength: 260 },
            contentBase64: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9+/=\\s_-]*$' },
          },
        },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.from(req.body.contentBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES)
        throw badRequest(
          'import-file',
          `POST /api/people-import: the file is larger than ${MAX_IMPORT_BYTES} bytes`,
        );
      try {
        const table = await readTable(new Uint8Array(bytes), undefined, { fileName: req.body.fileName });
        const known = {
          regions: await ctx.db.selectFrom('regions').select(['id', 'name']).execute(),
          people: await ctx.db.selectFrom('people').select(['id', 'name']).execute(),
        };
        const { rows, issues } = validatePeople(table, known);
        const result = { total: table.rows.length, valid: rows.length, created: 0, issues };
        if (issues.length > 0 || rows.length === 0) return reply.status(422).send(result);
        const people = rows.map((r) => r.person);
        const created = await runCommand(appPortsOf(ctx), req.user, importPeople, { people });
        return reply.status(201).send({ ...result, created: created.length });
      } catch (e) {
        if (e instanceof ImportFileError) throw fileRefusal(e);
        if (e instanceof ImportMappingError)
          throw badRequest('import-mapping', e.message, { problems: e.problems });
        throw e;
      }
    },
  );
}
