import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Stops listening and cuts open (keep-alive) connections, such as a browser's. */
  close(): Promise<void>;
}

/**
 * Serves an app on a real socket, for tests that drive a browser or another process. It binds
 * 127.0.0.1 on a port the kernel picks (port 0), so there is no race for a "free" port.
 *
 * @example
 * const t = useTestApp();
 * let server: TestHttpServer;
 * beforeAll(async () => { server = await serveTestApp(t.app); });
 * afterAll(() => server.close());
 */
export function serveTestApp(app: Hono<AppEnv>): Promise<TestHttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
