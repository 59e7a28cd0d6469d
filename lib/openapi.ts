import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type { EndpointDeclaration } from './router/endpoint.ts';
import { FUNCTIONS_DIR, loadRouteTable, type Route, type RouteTable } from './router/mount.ts';

type Schema = NonNullable<EndpointDeclaration['body']>;

/** The parts of OpenAPI 3.1 that buildOpenApi writes, typed so the docs page can read them back. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, { description: string; content?: Record<string, OpenApiMediaType> } | { $ref: string }>;
  security?: Record<string, string[]>[];
  /** Who may call it, for readers that do not parse `security` and the description (the docs page). */
  'x-access': 'public' | 'signed-in' | 'permission';
  'x-permission'?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { description: string; content: object; headers?: object }>; securitySchemes: Record<string, object> };
}

const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input: `validation_failed` (with `details`), `invalid_json` and the like'],
  401: ['Unauthorized', 'No valid credentials (`unauthenticated`), or a failed sign-in'],
  403: ['Forbidden', 'Signed in, but not allowed: `forbidden`, `ip_not_allowed`, `mfa_enrollment_required`, `csrf_rejected`'],
  404: ['NotFound', 'No such row in the caller’s organization (another organization’s id included)'],
  409: ['Conflict', 'The request conflicts with the current state, e.g. something that already exists'],
  429: ['TooManyRequests', 'Throttled (`too_many_attempts`); `Retry-After` says when to try again'],
} as const;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { description: 'For `validation_failed`: a list of `{path, message}`' } },
    },
  },
};

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const OPTIONAL = new Set(['optional', 'nullish', 'undefinedable', 'exact_optional']);

/**
 * The OpenAPI 3.1 description of every `/api/` route in the table, from the valibot schemas the
 * endpoints declare (converted with @valibot/to-json-schema) and the JSDoc of their files.
 *
 * @example
 * const doc = buildOpenApi(await loadRouteTable(), { version: VERSION, serverUrl: 'https://desk.example.com' });
 * doc.paths['/api/v1/users/{id}']?.get?.['x-permission']; // 'users.read'
 */
export function buildOpenApi(table: RouteTable, info: { version: string; serverUrl: string }): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  const paths: OpenApiDocument['paths'] = {};
  // Sorted by path, not by the router's static-before-dynamic order, so a reader finds them.
  const routes = table.routes.filter((r) => r.path.startsWith('/api/')).sort((a, b) => openApiPath(a.path).localeCompare(openApiPath(b.path)));
  for (const route of routes) {
    const template = openApiPath(route.path);
    for (const method of route.method === 'ALL' ? ALL_METHODS : [route.method.toLowerCase()]) {
      (paths[template] ??= {})[method] = operationFor(route, template, method, schemas);
    }
  }
  const tags = [...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags)))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'ATUM DESK API',
      version: info.version,
      description: 'JSON API of ATUM DESK. Errors are always `{"error": {"code", "message", "details"?}}`. Human-readable docs: /api/docs.',
    },
    servers: [{ url: info.serverUrl }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, [name, description]]) => [
          name,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
          },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT access token or atk_ API key',
          description: 'An access token from POST /api/v1/auth/login (15 minutes; renew with /api/v1/auth/refresh), or an API key `atk_…`.',
        },
      },
    },
  };
}

const built = new Map<string, Promise<OpenApiDocument>>();

/**
 * The document for this process, built once per version and server URL: the routes do not change
 * while it runs, and building converts every schema.
 *
 * @example
 * const doc = await openApiDocument({ version: c.var.deps.version, serverUrl: c.var.deps.config.publicUrl });
 */
export function openApiDocument(info: { version: string; serverUrl: string }): Promise<OpenApiDocument> {
  const key = `${info.version} ${info.serverUrl}`;
  let doc = built.get(key);
  if (!doc) {
    doc = loadRouteTable().then((table) => buildOpenApi(table, info));
    // A failed build is not kept, so the next request tries again.
    doc.catch(() => built.delete(key));
    built.set(key, doc);
  }
  return doc;
}

/**
 * `/api/v1/tickets/:number` → `/api/v1/tickets/{number}` (a catch-all `:path{.+}` → `{path}`).
 *
 * @example
 * openApiPath('/api/v1/users/:id'); // '/api/v1/users/{id}'
 */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

type Convert = (schema: Schema, part: string, mode?: 'input' | 'output') => JsonSchema;

function operationFor(route: Route, template: string, method: string, schemas: Record<string, JsonSchema>): OpenApiOperation {
  const spec = route.endpoint.spec;
  const operationId = operationIdOf(method, template);
  const convert: Convert = (schema, part, mode = 'input') => jsonSchemaOf(schema, `${operationId}_${part}_`, schemas, mode);
  const source = readSource(route.file);
  const doc = source ? leadingDoc(source) : undefined;
  const summary = spec.summary ?? (doc ? firstSentence(doc) : undefined);
  const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const parameters = parametersFor(spec, pathNames, convert);
  // Idempotency is not declared on the endpoint: the files that offer it call lib/http/idempotency.ts.
  if (source?.includes('idempotent(')) parameters.push(IDEMPOTENCY_KEY);
  const requestBody = requestBodyFor(spec, convert);
  const isPublic = spec.auth === 'public';
  const authRoute = template.startsWith('/api/v1/auth/');
  const errors = {
    400: parameters.length > 0 || requestBody !== undefined,
    401: !isPublic || authRoute,
    403: !isPublic,
    404: pathNames.length > 0,
    409: !isPublic && WRITES.has(method),
    429: authRoute,
  };
  return {
    operationId,
    ...(summary ? { summary } : {}),
    description: [doc, accessNote(spec)].filter(Boolean).join('\n\n'),
    tags: spec.tags ?? [tagOf(template)],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: responsesFor(spec, errors, convert),
    ...(isPublic ? {} : { security: [{ bearerAuth: [] }] }),
    'x-access': typeof spec.auth === 'string' ? spec.auth : 'permission',
    ...(typeof spec.auth === 'object' ? { 'x-permission': spec.auth.permission } : {}),
  };
}

const IDEMPOTENCY_KEY: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: the same key (1-255 visible ASCII characters) within 24 hours answers with the first result instead of creating again.',
  schema: { type: 'string', maxLength: 255 },
};

/** Path parameters in the order of the path (typed by the params schema), then the query's. */
function parametersFor(spec: EndpointDeclaration, pathNames: string[], convert: Convert): OpenApiParameter[] {
  const paramProps = spec.params ? (convert(spec.params, 'params').properties ?? {}) : {};
  const parameters: OpenApiParameter[] = pathNames.map((name) => ({ name, in: 'path', required: true, schema: asSchema(paramProps[name]) ?? { type: 'string' } }));
  if (spec.query) {
    const query = convert(spec.query, 'query');
    const required = new Set(query.required ?? []);
    for (const [name, schema] of Object.entries(query.properties ?? {})) parameters.push({ name, in: 'query', required: required.has(name), schema: asSchema(schema) ?? {} });
  }
  return parameters;
}

function requestBodyFor(spec: EndpointDeclaration, convert: Convert): OpenApiOperation['requestBody'] {
  if (spec.upload) {
    // 3.1 describes file parts with contentMediaType; format: binary is kept for 3.0-era tools.
    const file: JsonSchema = { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' };
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: [spec.upload.field], properties: { [spec.upload.field]: file } } } } };
  }
  if (!spec.body) return undefined;
  return { required: !OPTIONAL.has(spec.body.type), content: { 'application/json': { schema: convert(spec.body, 'body') } } };
}

/** Declared answers win; a plain 200 otherwise; then the standard errors this kind of route can give. */
function responsesFor(spec: EndpointDeclaration, errors: Record<keyof typeof ERROR_RESPONSES, boolean>, convert: Convert): OpenApiOperation['responses'] {
  const responses: OpenApiOperation['responses'] = {};
  const declared = Object.entries(spec.responses ?? {});
  if (!declared.some(([status]) => status.startsWith('2'))) responses['200'] = { description: 'Success' };
  for (const [status, r] of declared) {
    responses[status] = { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: convert(r.schema, `response${status}`, 'output') } } } : {}) };
  }
  for (const [status, [name]] of Object.entries(ERROR_RESPONSES)) {
    if (errors[Number(status) as keyof typeof errors] && !responses[status]) responses[status] = { $ref: `#/components/responses/${name}` };
  }
  return responses;
}

function accessNote(spec: EndpointDeclaration): string {
  const mfa = spec.duringMfaSetup ? ' Usable before setting up the two-factor authentication the organization requires.' : '';
  if (spec.auth === 'public') return 'Anyone may call this; no credentials needed.';
  if (spec.auth === 'signed-in') return `Requires a signed-in person (Bearer access token or session cookie); API keys are refused.${mfa}`;
  return `Requires permission: ${spec.auth.permission} (a person whose role holds it, or an API key granted it).${mfa}`;
}

/**
 * Request schemas describe what a client sends (`input`: stop before a transform), responses what
 * it gets back (`output`). `errorMode: 'ignore'` drops what JSON Schema cannot say (trim, check,
 * transform) instead of throwing; definitions move to components so their `$ref`s resolve.
 */
function jsonSchemaOf(schema: Schema, prefix: string, schemas: Record<string, JsonSchema>, typeMode: 'input' | 'output'): JsonSchema {
  // The converter is typed for sync schemas; an async schema has the same shape and `type`s.
  // `$schema` is dropped: inside an OpenAPI 3.1 document the dialect is already 2020-12.
  const { $schema, $defs, ...converted } = toJsonSchema(schema as Parameters<typeof toJsonSchema>[0], {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    overrideRef: ({ referenceId }) => `#/components/schemas/${prefix}${referenceId}`,
  });
  for (const [id, def] of Object.entries($defs ?? {})) schemas[`${prefix}${id}`] = typeof def === 'boolean' ? (def ? {} : { not: {} }) : def;
  return converted;
}

function asSchema(value: JsonSchema | boolean | undefined): JsonSchema | undefined {
  return typeof value === 'boolean' ? {} : value;
}

/** `post` + `/api/v1/tickets/{number}/messages` → `postTicketsByNumberMessages`. */
function operationIdOf(method: string, template: string): string {
  const words = template
    .replace(/^\/api\/(v\d+\/)?/, '')
    .split('/')
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** `/api/v1/tickets/{number}` → `tickets`; `/api/docs` → `docs`. */
function tagOf(template: string): string {
  return template.replace(/^\/api\/(v\d+\/)?/, '').split('/')[0] || 'api';
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(path.join(FUNCTIONS_DIR, file), 'utf8');
  } catch {
    return undefined; // a table loaded from elsewhere (tests): no JSDoc, no harm
  }
}

/** The JSDoc right above `export default`, as one paragraph, without its leading `GET /path — `. */
function leadingDoc(source: string): string | undefined {
  const block = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export default/.exec(source)?.[1];
  if (!block) return undefined;
  const text = block
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line && !line.startsWith('@'))
    .join(' ');
  const rest = text.replace(/^[A-Z]+(?:\s*(?:,|and)\s*[A-Z]+)* \/\S*\s+[—–-]+\s+/, '');
  return rest ? rest[0]!.toUpperCase() + rest.slice(1) : undefined;
}

function firstSentence(text: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= 120) return sentence;
  return `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}
