import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { Access, Endpoint } from './endpoint.ts';
import type { ErrorPages } from './error-pages.ts';
import { scanFunctions, type Method, type MiddlewareFile } from './scan.ts';
import { t } from '#lib/i18n/translate.ts';

export const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));

export interface Route {
  method: Method;
  path: string;
  file: string;
  auth: Access;
  endpoint: Endpoint;
  /** Matches a concrete request path; used to answer 405 with the methods that do exist. */
  matcher: RegExp;
}

type Middleware = { prefix: string; file: string; handler: MiddlewareHandler<AppEnv> };

export interface RouteTable {
  routes: Route[];
  middleware: Middleware[];
  /** How the error handler shows a failure to a browser (functions/_error.tsx). */
  errorPages: ErrorPages;
}

/** What serving reads of a route table: where each route answers and what answers it. */
export interface Routing {
  routes: (Pick<Route, 'method' | 'path' | 'matcher'> & { endpoint: Pick<Endpoint, 'handle'> })[];
  middleware: Middleware[];
  errorPages: ErrorPages;
}

/** Imports every file under functions/ once. A file that exports no endpoint stops the start. */
export async function loadRouteTable(root = FUNCTIONS_DIR): Promise<RouteTable> {
  const scanned = await scanFunctions(root);
  const middleware = await loadMiddleware(root, scanned.middleware);
  const routes = await Promise.all(
    scanned.routes.map(async (r) => {
      const ep = await loadEndpoint(root, r.file);
      return { method: r.method, path: r.path, file: r.file, auth: ep.auth, endpoint: ep, matcher: matcherFor(r.path) };
    }),
  );
  return { routes, middleware, errorPages: await loadErrorPages(root, scanned.errorPages) };
}

/**
 * The same routes, middleware and error pages, but each endpoint file is imported on its first
 * request rather than up front. For the tests: a test file's app answers a few of the ~200
 * endpoint files, and importing all of them was most of its start-up, in every test file.
 * `npm start` keeps loadRouteTable, which refuses a broken file before serving, and so do the
 * tests that read the whole table (openapi, rbac-matrix).
 */
export async function lazyRouteTable(root = FUNCTIONS_DIR): Promise<Routing> {
  const scanned = await scanFunctions(root);
  const routes = scanned.routes.map((r) => {
    let loading: Promise<Endpoint> | undefined;
    const handle: Endpoint['handle'] = async (c) => (await (loading ??= loadEndpoint(root, r.file))).handle(c);
    return { method: r.method, path: r.path, matcher: matcherFor(r.path), endpoint: { handle } };
  });
  const middleware = await loadMiddleware(root, scanned.middleware);
  return { routes, middleware, errorPages: await loadErrorPages(root, scanned.errorPages) };
}

const importFile = async (root: string, file: string) => (await import(pathToFileURL(path.join(root, file)).href)) as { default?: unknown };

async function loadEndpoint(root: string, file: string): Promise<Endpoint> {
  const ep = (await importFile(root, file)).default as Endpoint | undefined;
  if (ep?.kind !== 'endpoint') throw new Error(`functions/${file} must default-export endpoint({ auth, handler, ... }) from lib/router/endpoint.ts`);
  return ep;
}

function loadMiddleware(root: string, files: MiddlewareFile[]): Promise<Middleware[]> {
  return Promise.all(
    files.map(async (m) => {
      const mod = await importFile(root, m.file);
      if (typeof mod.default !== 'function') throw new Error(`functions/${m.file} must default-export a Hono middleware function`);
      return { ...m, handler: mod.default as MiddlewareHandler<AppEnv> };
    }),
  );
}

async function loadErrorPages(root: string, file: string | undefined): Promise<ErrorPages> {
  if (!file) throw new Error(`${root} has no _error.tsx: browsers' error pages are rendered from it`);
  const errorPages = (await importFile(root, file)).default as ErrorPages | undefined;
  if (errorPages?.kind !== 'error-pages') throw new Error(`functions/${file} must default-export errorPages({ page, fragment }) from lib/router/error-pages.ts`);
  return errorPages;
}

/**
 * Mounts middleware (outer folders first) and routes (static before dynamic) on the app, then
 * answers what matched no route: 405 with `Allow` for a known path, else 404 (JSON under /api).
 */
export function mountRouteTable(app: Hono<AppEnv>, table: Routing): void {
  for (const m of table.middleware) app.use(m.prefix === '/' ? '*' : `${m.prefix}/*`, m.handler);
  for (const r of table.routes) {
    const handler = (c: Parameters<Endpoint['handle']>[0]) => r.endpoint.handle(c);
    if (r.method === 'ALL') app.all(r.path, handler);
    else app.on(r.method, r.path, handler);
  }
  app.notFound((c) => {
    const allowed = allowedMethods(table, c.req.path);
    if (allowed.length) {
      throw new HttpError(405, 'method_not_allowed', t('error.method_not_allowed', { method: c.req.method, path: c.req.path, allowed: allowed.join(', ') }), undefined, { Allow: allowed.join(', ') });
    }
    throw new HttpError(404, 'not_found', t('error.nothing_at', { path: c.req.path }));
  });
}

function allowedMethods(table: Pick<Routing, 'routes'>, requestPath: string): string[] {
  const methods = new Set<string>();
  for (const r of table.routes) {
    if (!r.matcher.test(requestPath)) continue;
    if (r.method === 'ALL') return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
    methods.add(r.method);
    if (r.method === 'GET') methods.add('HEAD');
  }
  return [...methods].sort();
}

function matcherFor(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((s) => (/^:\w+\{\.\+\}$/.test(s) ? '.+' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}$`);
}
