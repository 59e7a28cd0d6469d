import { beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { buildOpenApi } from '#lib/openapi/document.ts';
import { openApiPath } from '#lib/openapi/names.ts';
import type { OpenApiDocument } from '#lib/openapi/types.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { loadRouteTable, type Route, type RouteTable } from '#lib/router/mount.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();
let table: RouteTable;
let doc: OpenApiDocument;
const info = { version: '9.9.9', serverUrl: 'https://desk.example.com' };

beforeAll(async () => {
  table = await loadRouteTable();
  doc = buildOpenApi(table, info);
});

const apiRoutes = () => table.routes.filter((r) => r.path.startsWith('/api/'));
const operation = (method: string, path: string) => doc.paths[path]?.[method];

describe('the OpenAPI document', () => {
  it('converts every route of the table without throwing, and is OpenAPI 3.1 with info and paths', () => {
    expect(apiRoutes().length).toBeGreaterThan(20);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'ATUM DESK API', version: '9.9.9' });
    expect(doc.servers).toEqual([{ url: 'https://desk.example.com' }]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/') && !p.includes(':'))).toBe(true);
  });

  it('has every /api/ route with its method, and no other', () => {
    for (const r of apiRoutes()) expect(operation(r.method.toLowerCase(), openApiPath(r.path)), `${r.method} ${r.path}`).toBeDefined();
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count).toBe(apiRoutes().length);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter as required', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = op.parameters.filter((p) => p.in === 'path');
        expect(
          declared.map((p) => p.name),
          path,
        ).toEqual(names);
        expect(declared.every((p) => p.required)).toBe(true);
      }
    }
    expect(operation('get', '/api/v1/users/{id}')!.parameters[0]).toMatchObject({ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } });
  });

  it('describes the sign-in body: org, email and password, all required', () => {
    const login = operation('post', '/api/v1/auth/login')!;
    const body = login.requestBody!;
    expect(body.required).toBe(true);
    const schema = body.content['application/json']!.schema;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['org', 'email', 'password']);
    expect(schema.properties?.email).toMatchObject({ type: 'string', format: 'email' });
    expect(login.security).toBeUndefined();
    expect(login['x-access']).toBe('public');
    expect(login.summary).toMatch(/^`\{org, email, password\}` gives a token pair/);
  });

  it('takes query parameters from the query schema, optional unless required', () => {
    const audit = operation('get', '/api/v1/audit')!;
    const limit = audit.parameters.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'string', default: '50' } });
  });

  it('pages every list by cursor, and marks the parameters it replaced as deprecated', () => {
    for (const path of ['/api/v1/tickets', '/api/v1/tickets/{number}/history', '/api/v1/audit', '/api/v1/mail/outbox']) {
      const cursor = operation('get', path)!.parameters.find((p) => p.name === 'cursor');
      expect(cursor, path).toMatchObject({ in: 'query', required: false, description: expect.stringContaining('next_cursor') });
      expect(cursor!.deprecated, path).toBeUndefined();
    }
    const after = operation('get', '/api/v1/tickets/{number}/history')!.parameters.find((p) => p.name === 'after');
    const before = operation('get', '/api/v1/audit')!.parameters.find((p) => p.name === 'before');
    for (const old of [after, before]) expect(old).toMatchObject({ deprecated: true, description: expect.stringContaining('`cursor`'), schema: { deprecated: true } });
  });

  it('puts bearerAuth and the permission on every secured operation', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const r of apiRoutes()) {
      const op = operation(r.method.toLowerCase(), openApiPath(r.path))!;
      if (r.auth === 'public') {
        expect(op.security, r.path).toBeUndefined();
        continue;
      }
      expect(op.security, r.path).toEqual([{ bearerAuth: [] }]);
      expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
      if (typeof r.auth === 'object') {
        expect(op['x-permission']).toBe(r.auth.permission);
        expect(op.description).toContain(`Requires permission: ${r.auth.permission}`);
      }
    }
  });

  it('refers error answers to one shared Error schema', () => {
    expect(doc.components.schemas.Error).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
    for (const status of ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'TooManyRequests', 'ServiceUnavailable']) {
      expect(doc.components.responses[status]).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    }
    expect(operation('delete', '/api/v1/api-keys/{id}')!.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    // Issue 13: a lost database or Redis is a documented 503 with Retry-After on every operation.
    expect(doc.components.responses.ServiceUnavailable).toMatchObject({ headers: { 'Retry-After': { schema: { type: 'integer' } } } });
    expect(operation('get', '/api/v1/tickets')!.responses['503']).toEqual({ $ref: '#/components/responses/ServiceUnavailable' });
  });

  it('renders declared summaries, tags, responses and a multipart upload', () => {
    const upload = endpoint({
      auth: { permission: 'tickets.write' },
      summary: 'Attach a file.',
      tags: ['attachments'],
      upload: { field: 'file' },
      responses: { 201: { description: 'Stored', schema: v.object({ id: v.string(), size: v.number() }) } },
      async handler() {
        return {};
      },
    });
    const lazyNode: v.GenericSchema = v.object({ name: v.string(), children: v.optional(v.array(v.lazy(() => lazyNode))) });
    const tree = endpoint({ auth: 'signed-in', body: lazyNode, async handler() {} });
    const route = (path: string, method: Route['method'], ep: Route['endpoint']): Route => ({ method, path, file: 'nowhere.ts', auth: ep.auth, endpoint: ep, matcher: /x/ });
    const made = buildOpenApi({ routes: [route('/api/v1/tickets/:number/files', 'POST', upload), route('/api/v1/tree', 'PUT', tree)], middleware: [] }, info);

    const op = made.paths['/api/v1/tickets/{number}/files']!.post!;
    expect(op).toMatchObject({ summary: 'Attach a file.', tags: ['attachments'], 'x-permission': 'tickets.write' });
    expect(op.requestBody!.content['multipart/form-data']!.schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
    expect(op.responses['201']).toMatchObject({ description: 'Stored', content: { 'application/json': { schema: { required: ['id', 'size'] } } } });
    expect(op.responses['200']).toBeUndefined();
    expect(op.parameters).toEqual([{ name: 'number', in: 'path', required: true, schema: { type: 'string' } }]);

    // A recursive schema's definitions move to components, where its $ref points.
    const body = made.paths['/api/v1/tree']!.put!.requestBody!.content['application/json']!.schema;
    const ref = (body.properties!.children as { items: { $ref: string } }).items.$ref;
    expect(made.components.schemas[ref.replace('#/components/schemas/', '')]).toMatchObject({ type: 'object', required: ['name'] });
  });

  it('offers a new ticket and a reply as JSON, or as multipart with the JSON in `payload` and an optional file', () => {
    for (const path of ['/api/v1/tickets', '/api/v1/tickets/{number}/messages']) {
      const content = operation('post', path)!.requestBody!.content;
      expect(Object.keys(content), path).toEqual(['application/json', 'multipart/form-data']);
      expect(content['application/json']!.schema, path).toMatchObject({ type: 'object', properties: { body: { type: 'string' } } });
      expect(content['multipart/form-data']!.schema, path).toEqual({
        type: 'object',
        required: ['payload'],
        properties: {
          payload: expect.objectContaining({ type: 'string', contentMediaType: 'application/json' }),
          file: expect.objectContaining({ type: 'string', format: 'binary' }),
        },
      });
    }
    // An upload without a body stays a file alone.
    expect(operation('post', '/api/v1/tickets/{number}/attachments')!.requestBody!.content).toEqual({ 'multipart/form-data': expect.anything() });
  });
});

describe('over HTTP', () => {
  it('serves the document as JSON, without authentication', async () => {
    const res = await t.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // The document changes only with a deploy: revalidate, unlike private API answers (no-store).
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const served = (await res.json()) as OpenApiDocument;
    expect(served.openapi).toBe('3.1.0');
    expect(served.servers).toEqual([{ url: 'http://atum.test' }]);
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
    expect(served.paths['/api/v1/openapi.json']?.get?.['x-access']).toBe('public');
  });

  it('serves a readable HTML reference that needs no script', async () => {
    const res = await t.request('/api/docs', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<code>POST /api/v1/auth/login</code>');
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).toContain('href="/assets/app.css"');
    expect(html).toContain('Requires permission: users.read');
    expect(html).toContain('Idempotency-Key');
    expect(html).toContain('atk_');
    expect(html).toContain('&quot;password&quot;: &quot;text&quot;');
    expect(html).not.toMatch(/<script(?![^>]*src="\/assets\/htmx\.js")/);
  });

  it('says on the HTML reference that a new ticket may also come as multipart, and with which parts', async () => {
    const html = await (await t.request('/api/docs', { headers: { accept: 'text/html' } })).text();
    const ticketCreate = html.slice(html.indexOf('<code>POST /api/v1/tickets</code>'));
    const article = ticketCreate.slice(0, ticketCreate.indexOf('</article>'));
    expect(article).toMatch(/Also as <code>multipart\/form-data<\/code>, with the parts <code>payload<\/code>[^<]*, <code>file<\/code>/);
  });
});
