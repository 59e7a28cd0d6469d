import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RouteConflictError, scanFunctions } from '#lib/router/scan.ts';

let root: string;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function tree(files: string[]): Promise<string> {
  root = await mkdtemp(path.join(tmpdir(), 'atum-routes-'));
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), 'export default null;\n');
  }
  return root;
}

describe('scanning functions/', () => {
  it('maps Nitro-style names to routes, static before dynamic before catch-all', async () => {
    const { routes, middleware } = await scanFunctions(
      await tree([
        'api/v1/tickets/[id].patch.ts',
        'api/v1/tickets/index.get.ts',
        'api/v1/tickets/stats.get.ts',
        'api/v1/tickets/[id].get.ts',
        'files/[...path].get.ts',
        'files/readme.get.ts',
        'index.get.ts',
        'hook.ts',
        'api/_middleware.ts',
        '_middleware.ts',
        'api/v1/tickets/[id].test.ts',
        'app/page.get.tsx',
      ]),
    );
    const order = routes.map((r) => `${r.method} ${r.path}`);
    expect([...order].sort()).toEqual(
      [
        'ALL /hook',
        'GET /',
        'GET /api/v1/tickets',
        'GET /api/v1/tickets/:id',
        'GET /api/v1/tickets/stats',
        'GET /app/page',
        'GET /files/:path{.+}',
        'GET /files/readme',
        'PATCH /api/v1/tickets/:id',
      ].sort(),
    );
    // Where two patterns can match the same path, the static one is mounted (and so wins) first.
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before('GET /api/v1/tickets/stats', 'GET /api/v1/tickets/:id');
    before('GET /files/readme', 'GET /files/:path{.+}');
    expect(middleware.map((m) => m.prefix)).toEqual(['/', '/api']);
  });

  it('stops on two files for one route, naming both', async () => {
    await expect(scanFunctions(await tree(['api/users/[id].get.ts', 'api/users/[userId].get.ts']))).rejects.toThrow(
      new RouteConflictError('Two files answer GET /api/users/:userId: functions/api/users/[id].get.ts and functions/api/users/[userId].get.ts. Remove or rename one of them.'),
    );
    await expect(scanFunctions(await tree(['api/ping.ts', 'api/ping.post.ts']))).rejects.toThrow(/Two files answer POST \/api\/ping/);
    await expect(scanFunctions(await tree(['api/ping/index.get.ts', 'api/ping.get.ts']))).rejects.toThrow(/Two files answer GET \/api\/ping/);
  });

  it('takes the root _error.tsx as the error pages, not a route, and refuses one in a folder', async () => {
    const scanned = await scanFunctions(await tree(['_error.tsx', 'index.get.ts']));
    expect(scanned.errorPages).toBe('_error.tsx');
    expect(scanned.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    await expect(scanFunctions(await tree(['app/_error.tsx']))).rejects.toThrow(
      new RouteConflictError('functions/app/_error.tsx: error pages are rendered by functions/_error.tsx alone; move it there'),
    );
  });

  it('stops on a method it does not know', async () => {
    await expect(scanFunctions(await tree(['api/ping.fetch.ts']))).rejects.toThrow(/functions\/api\/ping\.fetch\.ts: expected <name>\.<method>\.ts/);
  });
});
