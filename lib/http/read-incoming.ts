import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { HttpError } from './errors.ts';

/**
 * The Node request behind a Hono context served by @hono/node-server, if its body is still
 * unread; undefined elsewhere (app.request() in tests, other runtimes).
 */
export function unreadNodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof Readable && !incoming.readableDidRead ? (incoming as IncomingMessage) : undefined;
}

/**
 * Reads a Node request body up to `limit` bytes, counted as it streams, like readCapped but
 * without the web ReadableStream around the socket (about 250 µs less per request). Over the
 * limit it stops reading and answers 413 with `Connection: close`, so the rest is never read.
 *
 * @example
 * const incoming = unreadNodeRequest(c);
 * if (incoming) bytes = await readIncomingCapped(incoming, 1024 * 1024, 'JSON bodies are limited to 1024 KiB');
 */
export function readIncomingCapped(incoming: IncomingMessage, limit: number, message: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onFail).off('close', onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      incoming.pause();
      // HTTP/2 has no Connection header (and ends the stream by itself).
      const headers = incoming.httpVersionMajor === 1 ? { Connection: 'close' } : undefined;
      done(() => reject(new HttpError(413, 'payload_too_large', message, undefined, headers)));
    };
    const onEnd = () => done(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    const onFail = () => done(() => reject(new HttpError(400, 'body_incomplete', 'The request body ended before it was complete')));
    const onClose = () => (incoming.readableEnded ? onEnd() : onFail());
    incoming.on('data', onData).on('end', onEnd).on('error', onFail).on('close', onClose);
  });
}
