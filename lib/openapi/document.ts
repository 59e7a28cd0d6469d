import type { JsonSchema } from '@valibot/to-json-schema';
import { loadRouteTable, type RouteTable } from '#lib/router/mount.ts';
import { ERROR_SCHEMA, errorComponents } from './errors.ts';
import { openApiPath } from './names.ts';
import { operationFor } from './operation.ts';
import type { OpenApiDocument } from './types.ts';

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The OpenAPI 3.1 description of every `/api/` route in the table, from the valibot schemas the
 * endpoints declare (converted with @valibot/to-json-schema) and the JSDoc of their files.
 *
 * @example
 * const doc = buildOpenApi(await loadRouteTable(), { version: VERSION, serverUrl: 'https://desk.example.com' });
 * doc.paths['/api/v1/users/{id}']?.get?.['x-permission']; // 'users.read'
 */
export function buildOpenApi(table: Omit<RouteTable, 'errorPages'>, info: { version: string; serverUrl: string }): OpenApiDocument {
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
      responses: errorComponents(),
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
