import Ajv from 'ajv';
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { type Command, runCommand } from '../../../plugin/app/command.ts';
import { appPortsOf } from '../app-ports.ts';
import type { Access } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';

// Path and query strings are text: they are coerced to the types their schemas name. Bodies are
// not: the command checks them itself, strictly, the same on every host.
const stringsAjv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: false, strict: false });

/** The body schema a REST caller sends: the command's input less the fields taken from the path. */
export function bodySchemaOf(command: Command, fromPath: readonly string[]) {
  const input = command.input as { properties?: Record<string, unknown>; required?: string[] };
  const properties = Object.fromEntries(
    Object.entries(input.properties ?? {}).filter(([k]) => !fromPath.includes(k)),
  );
  return {
    ...input,
    properties,
    required: (input.required ?? []).filter((k) => !fromPath.includes(k)),
  };
}

export interface CommandRoute<I, O> {
  method: HTTPMethods;
  url: string;
  access: Access;
  /** True when a limited (QR) session may call it; the command's policy still decides. */
  scoped?: boolean;
  command: Command<I, O>;
  /** The command input from the request; by default the body with the path parameters over it. */
  input?: (req: FastifyRequest) => unknown;
  /** Path parameter → input field (`{ id: 'krId' }`); by default the same name. */
  params?: Record<string, string>;
  querystring?: Record<string, unknown>;
  response?: Record<number, unknown>;
  /** The reply status for a result (default 200). */
  status?: (result: O) => number;
  /** The reply body for a result (default: the result). */
  reply?: (result: O) => unknown;
}

/**
 * A REST route that only translates: request → command input, the signed-in user → caller, result →
 * reply. Everything else (schema, policy, versions, audit, realtime, rules) is the command's.
 */
export function commandRoute<I, O>(app: FastifyInstance, ctx: ServerContext, r: CommandRoute<I, O>): void {
  const pathNames = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const fieldOf = (name: string) => r.params?.[name] ?? name;
  const fromPath = pathNames.map(fieldOf);
  const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
  app.route({
    method: r.method,
    url: r.url,
    config: { access: r.access, scoped: r.scoped === true },
    schema: {
      summary: r.command.summary,
      operationId: r.command.name,
      ...(pathNames.length
        ? {
            params: {
              type: 'object',
              required: pathNames,
              properties: Object.fromEntries(
                pathNames.map((p) => [p, { type: 'string', minLength: 1, maxLength: 100 }]),
              ),
            },
          }
        : {}),
      ...(hasBody ? { body: bodySchemaOf(r.command, fromPath) } : {}),
      ...(r.querystring ? { querystring: { type: 'object', properties: r.querystring } } : {}),
      ...(r.response ? { response: r.response } : {}),
    },
    validatorCompiler: ({ schema, httpPart }) =>
      httpPart === 'body' ? () => true : stringsAjv.compile(schema),
    handler: async (req, reply) => {
      const params = req.params as Record<string, string>;
      const sent = hasBody ? req.body : req.query;
      // A body that is not an object goes to the command as it is, to be refused by its schema.
      const input = r.input
        ? r.input(req)
        : sent === null || typeof sent !== 'object' || Array.isArray(sent)
          ? sent
          : { ...sent, ...Object.fromEntries(pathNames.map((p) => [fieldOf(p), params[p]])) };
      const result = await runCommand(appPortsOf(ctx), req.user, r.command, input);
      return reply.status(r.status?.(result) ?? 200).send(r.reply ? r.reply(result) : result);
    },
  });
}
