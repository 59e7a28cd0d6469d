import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';

/** After this long a drain cuts what is still running: inside systemd's TimeoutStopSec (45 s) with the rest of the shutdown. */
const DRAIN_GRACE_MS = 20_000;

export interface HttpServer {
  readonly server: Server;
  /**
   * Stops serving: no new connections; every response from now on says `Connection: close`, so
   * a keep-alive client takes its next request to another node; idle connections close at once
   * and the others as soon as their response is out; live-update streams end (browsers
   * reconnect elsewhere). Resolves when no request is left, or after `graceMs`, cutting the rest.
   */
  drain(opts?: { graceMs?: number }): Promise<void>;
}

/**
 * Serves `fetch` (the Hono app) over HTTP/1.1 on `hostname:port`, ready to be drained.
 *
 * @example
 * const http = await listen(app.fetch, '127.0.0.1', 8000, log);
 * process.once('SIGTERM', () => void http.drain());
 */
export function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number, log: (line: string) => void = () => {}): Promise<HttpServer> {
  const handle = getRequestListener(fetch, { hostname });
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const server = createServer(function serveRequest(req, res) {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    // While draining, a socket whose response is out is idle: close it then, not at its keep-alive timeout.
    res.once('finish', () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    if (draining) res.setHeader('Connection', 'close');
    void handle(req, res);
  });

  function drain(opts: { graceMs?: number } = {}): Promise<void> {
    const graceMs = opts.graceMs ?? DRAIN_GRACE_MS;
    draining = true;
    return new Promise((resolve) => {
      let finishing = 0;
      for (const res of inFlight) {
        // A live-update stream never finishes by itself; the page reconnects (to another node) within a second.
        if (isEventStream(res.req)) {
          res.destroy();
          continue;
        }
        if (!res.headersSent) res.setHeader('Connection', 'close');
        finishing++;
      }
      if (finishing > 0) log(`HTTP: finishing ${finishing} request(s) in flight, then closing their connections`);
      const force = setTimeout(() => {
        log(`HTTP: cutting ${inFlight.size} request(s) still running after ${graceMs / 1000} s`);
        server.closeAllConnections();
      }, graceMs);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`${hostname}:${port} is already in use: stop the other process or set PORT`) : err);
    });
    server.listen(port, hostname, () => resolve({ server, drain }));
  });
}

function isEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}
