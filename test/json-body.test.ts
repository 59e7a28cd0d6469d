import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { HttpError, sendError } from '#lib/http/errors.ts';
import { JSON_BODY_LIMIT, readJsonBody } from '#lib/http/json-body.ts';
import { serveTestApp, type TestHttpServer } from './helpers/http-server.ts';

// Over a real socket, readJsonBody reads the Node request itself (app.request() in the other
// tests takes the web-stream path): the same answers, and the cap holds while streaming.
let server: TestHttpServer;
beforeAll(async () => {
  const app = new Hono()
    .post('/echo', async (c) => c.json({ got: await readJsonBody(c) }))
    .onError((err, c) => (err instanceof HttpError ? sendError(c, err) : c.json({ error: { code: 'internal', message: String(err) } }, 500)));
  server = await serveTestApp(app as never);
});
afterAll(() => server.close());

/** Sends `chunks` with chunked transfer encoding (no Content-Length), counting what went out. */
function postChunked(chunks: Iterable<Buffer>, type = 'application/json'): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': type, 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (d: string) => (body += d))
        .on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on('error', reject);
    const it = chunks[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = it.next();
        if (next.done) return void req.end();
        sent += next.value.byteLength;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

describe('readJsonBody on a Node server', () => {
  it('parses a JSON body', async () => {
    const res = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"subject":"Printer on fire","n":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { subject: 'Printer on fire', n: 1 } });
  });

  it('answers 400 for malformed or empty JSON and 415 for another type', async () => {
    const bad = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"subject":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const empty = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(empty.status).toBe(400);
    const form = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('answers 413 to a declared oversized body before reading it', async () => {
    const res = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(JSON_BODY_LIMIT)}"` });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('cuts off a chunked body at the limit: 413, and the rest is not read', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const fiftyMiB = function* () {
      for (let i = 0; i < 800; i++) yield chunk;
    };
    const res = await postChunked(fiftyMiB());
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    // The server stopped reading near 1 MiB; what the client got out is bounded by socket buffers.
    expect(res.sent).toBeLessThan(16 * 1024 * 1024);
  });
});
