/**
 * Two per-request costs on their own, without a database, each against what it replaced:
 * - verifying an access token with the HMAC key imported once (lib/auth/hmac-key.ts) vs raw
 *   key bytes, which jose imports again on every call;
 * - reading a JSON body from the Node request (lib/http/read-incoming.ts) vs through the web
 *   ReadableStream @hono/node-server builds around it, over real HTTP with autocannon.
 * CPU is this process's (server and load generator together: the generator's share is the same
 * on both sides, so the difference is the reader's). Rounds alternate, the best round counts.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { jwtVerify } from 'jose';
import autocannon from 'autocannon';
import { ACCESS_TOKEN_AUDIENCE, signAccessToken, tokenKeys, verifyAccessToken } from '#lib/auth/access-token.ts';
import { readJsonBody, JSON_BODY_LIMIT } from '#lib/http/json-body.ts';
import { readCapped } from '#lib/http/read-capped.ts';

const ROUNDS = 3;
const VERIFIES = Number(process.env.BENCH_VERIFIES ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const cpuMicros = async (fn: () => Promise<number>): Promise<number> => {
  const before = process.cpuUsage();
  const n = await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
};

// Token verification.
const keys = tokenKeys('bench-secret-bench-secret-bench-secret-0123456789', 'http://bench.test');
const token = await signAccessToken(keys, { userId: crypto.randomUUID(), orgId: crypto.randomUUID(), role: 'agent' });
const rawVerify = () => jwtVerify(token, keys.key, { algorithms: ['HS256'], issuer: keys.issuer, audience: ACCESS_TOKEN_AUDIENCE, typ: 'at+jwt' });
const loop = (verify: () => Promise<unknown>) => async () => {
  for (let i = 0; i < VERIFIES; i++) await verify();
  return VERIFIES;
};
await loop(rawVerify)();
await loop(() => verifyAccessToken(keys, token))();
const jwt = { raw: Infinity, imported: Infinity };
for (let r = 0; r < ROUNDS; r++) {
  jwt.raw = Math.min(jwt.raw, await cpuMicros(loop(rawVerify)));
  jwt.imported = Math.min(jwt.imported, await cpuMicros(loop(() => verifyAccessToken(keys, token))));
}
console.log(`verify an access token: ${jwt.raw.toFixed(0)} µs CPU with raw key bytes, ${jwt.imported.toFixed(0)} µs with the key imported once (best of ${ROUNDS} × ${VERIFIES})`);

// JSON bodies.
const app = new Hono()
  .post('/stream', async (c) => c.json({ n: Object.keys(JSON.parse((await readCapped(c.req.raw.body, JSON_BODY_LIMIT, () => 'too large')).toString('utf8')) as object).length }))
  .post('/node', async (c) => c.json({ n: Object.keys((await readJsonBody(c)) as object).length }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const body = JSON.stringify({ subject: 'Scanner offline after the update', body: 'Since this morning the scanner on the third floor shows an error and the queue does not move. Please help.' });
const run = (path: string, duration: number) => async () => {
  const r = await autocannon({ url: base + path, connections: 4, duration, method: 'POST', body, headers: { 'content-type': 'application/json' } });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.total;
};
await run('/stream', 1)();
await run('/node', 1)();
const json = { stream: Infinity, node: Infinity };
for (let r = 0; r < ROUNDS; r++) {
  json.stream = Math.min(json.stream, await cpuMicros(run('/stream', SECONDS)));
  json.node = Math.min(json.node, await cpuMicros(run('/node', SECONDS)));
}
server.closeAllConnections();
await new Promise<void>((resolve) => server.close(() => resolve()));
console.log(
  `POST a JSON body, whole request (server and autocannon): ${json.stream.toFixed(0)} µs CPU through the web stream, ${json.node.toFixed(0)} µs from the Node request (best of ${ROUNDS} × ${SECONDS} s, 4 connections)`,
);
