import type { JsonSchema } from '@valibot/to-json-schema';
import type { EndpointDeclaration } from '#lib/router/endpoint.ts';
import type { Route } from '#lib/router/mount.ts';
import { ERROR_RESPONSES } from './errors.ts';
import { asSchema, jsonSchemaOf, type Schema } from './json-schema.ts';
import { operationIdOf, tagOf } from './names.ts';
import { firstSentence, leadingDoc, readSource } from './source-doc.ts';
import type { OpenApiOperation, OpenApiParameter } from './types.ts';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const OPTIONAL = new Set(['optional', 'nullish', 'undefinedable', 'exact_optional']);

type Convert = (schema: Schema, part: string, mode?: 'input' | 'output') => JsonSchema;

export function operationFor(route: Route, template: string, method: string, schemas: Record<string, JsonSchema>): OpenApiOperation {
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
    413: requestBody !== undefined,
    415: requestBody !== undefined,
    422: !isPublic && WRITES.has(method),
    429: authRoute,
    // Every route reads the database; none can promise an answer while it is away.
    503: true,
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
    for (const [name, property] of Object.entries(query.properties ?? {})) {
      const schema = asSchema(property) ?? {};
      // The schema's own annotations, where OpenAPI readers look for them: on the parameter.
      const deprecated = (schema as { deprecated?: unknown }).deprecated === true;
      parameters.push({ name, in: 'query', required: required.has(name), ...(schema.description ? { description: schema.description } : {}), ...(deprecated ? { deprecated } : {}), schema });
    }
  }
  return parameters;
}

// 3.1 describes file parts with contentMediaType; format: binary is kept for 3.0-era tools.
const FILE: JsonSchema = { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' };

function requestBodyFor(spec: EndpointDeclaration, convert: Convert): OpenApiOperation['requestBody'] {
  const { upload, body } = spec;
  if (upload && !upload.withBody) {
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: [upload.field], properties: { [upload.field]: FILE } } } } };
  }
  if (!body) return undefined;
  const json = { 'application/json': { schema: convert(body, 'body') } };
  if (!upload) return { required: !OPTIONAL.has(body.type), content: json };
  // The same body as a text part, so that a file can travel with it.
  const payload: JsonSchema = { type: 'string', contentMediaType: 'application/json', description: 'The JSON body, as for application/json' };
  const file: JsonSchema = { ...FILE, description: 'Optional file, filed under the new message' };
  const multipart = { schema: { type: 'object', required: ['payload'], properties: { payload, [upload.field]: file } } as JsonSchema };
  return { required: true, content: { ...json, 'multipart/form-data': multipart } };
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
