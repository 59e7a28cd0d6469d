import { readdir } from 'node:fs/promises';
import path from 'node:path';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number] | 'ALL';

export interface RouteFile {
  /** Path relative to functions/, as a reader would look for it. */
  file: string;
  method: Method;
  /** Hono pattern: `/api/v1/tickets/:id`, `/files/:path{.+}`. */
  path: string;
  /** Per segment: 0 static, 1 parameter, 2 catch-all; sorts static routes before dynamic ones. */
  rank: number[];
}

export interface MiddlewareFile {
  file: string;
  /** The folder it applies to, and everything below: `/api`, or `/` for the root. */
  prefix: string;
}

/** The one file that renders error pages for browsers (lib/router/error-pages.ts): not a route. */
const ERROR_PAGES = /^_error\.tsx?$/;

export class RouteConflictError extends Error {
  override name = 'RouteConflictError';
}

const SOURCE = /\.(ts|tsx)$/;

/**
 * Maps functions/ to routes with the Nitro/h3 naming convention:
 * `api/v1/tickets/index.get.ts` -> `GET /api/v1/tickets`, `[id].patch.ts` -> `PATCH .../:id`,
 * `[...path].get.ts` -> a catch-all, a name without a method -> every method. `_middleware.ts`
 * applies to its folder; `_error.tsx`, at the root only, renders error pages.
 *
 * @example
 * const { routes, middleware, errorPages } = await scanFunctions('functions');
 */
export async function scanFunctions(root: string): Promise<{ routes: RouteFile[]; middleware: MiddlewareFile[]; errorPages: string | undefined }> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && SOURCE.test(d.name) && !d.name.endsWith('.d.ts') && !/\.test\.tsx?$/.test(d.name))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
  const routes: RouteFile[] = [];
  const middleware: MiddlewareFile[] = [];
  let errorPages: string | undefined;
  for (const file of files) {
    if (ERROR_PAGES.test(file)) {
      errorPages = file;
      continue;
    }
    const parts = file.replace(SOURCE, '').split('/');
    const last = parts.pop() ?? '';
    if (last === '_error') throw new RouteConflictError(`functions/${file}: error pages are rendered by functions/_error.tsx alone; move it there`);
    if (last === '_middleware') {
      middleware.push({ file, prefix: `/${parts.join('/')}` });
      continue;
    }
    // The name may itself hold dots (`[...path]`), so the method is whatever follows the last one.
    const parsed = /^(\[\.\.\.\w+\]|[^.]+)(?:\.([a-z]+))?$/.exec(last);
    const name = parsed?.[1] ?? '';
    const method = parsed?.[2]?.toUpperCase();
    if (!parsed || (method !== undefined && !(METHODS as readonly string[]).includes(method))) {
      throw new RouteConflictError(`functions/${file}: expected <name>.<method>.ts with method one of ${METHODS.join(', ').toLowerCase()}`);
    }
    const segments = name === 'index' ? parts : [...parts, name];
    routes.push({ file, method: (method as Method | undefined) ?? 'ALL', path: `/${segments.map(toPattern).join('/')}`, rank: segments.map(rankOf) });
  }
  middleware.sort((a, b) => depth(a.prefix) - depth(b.prefix));
  routes.sort(compareRoutes);
  assertNoDuplicates(routes);
  return { routes, middleware, errorPages };
}

function toPattern(segment: string): string {
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
  if (catchAll) return `:${catchAll[1]}{.+}`;
  const param = /^\[(\w+)\]$/.exec(segment);
  if (param) return `:${param[1]}`;
  if (/[[\]]/.test(segment)) throw new RouteConflictError(`functions segment "${segment}" is neither static nor [param] nor [...param]`);
  return segment;
}

function rankOf(segment: string): number {
  if (segment.startsWith('[...')) return 2;
  return segment.startsWith('[') ? 1 : 0;
}

function depth(prefix: string): number {
  return prefix === '/' ? 0 : prefix.split('/').length;
}

function compareRoutes(a: RouteFile, b: RouteFile): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const d = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.path.localeCompare(b.path) || a.method.localeCompare(b.method);
}

/** `/tickets/[id]` and `/tickets/[number]` are the same route: parameter names do not count. */
function assertNoDuplicates(routes: RouteFile[]): void {
  const seen = new Map<string, RouteFile[]>();
  for (const r of routes) {
    const shape = r.path.replace(/:\w+\{\.\+\}/g, '*').replace(/:\w+/g, ':');
    const list = seen.get(shape) ?? [];
    const clash = list.find((o) => o.method === r.method || o.method === 'ALL' || r.method === 'ALL');
    if (clash) {
      throw new RouteConflictError(`Two files answer ${r.method === 'ALL' ? clash.method : r.method} ${r.path}: functions/${clash.file} and functions/${r.file}. Remove or rename one of them.`);
    }
    list.push(r);
    seen.set(shape, list);
  }
}
