import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { HttpError } from './errors.ts';
import { t } from '#lib/i18n/translate.ts';

const incomplete = () => t('error.body_incomplete');

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
 * `tooLarge` writes that answer's message.
 *
 * @example
 * const incoming = unreadNodeRequest(c);
 * if (incoming) bytes = await readIncomingCapped(incoming, 1024 * 1024, () => 'JSON bodies are limited to 1024 KiB');
 */
export function readIncomingCapped(incoming: IncomingMessage, limit: number, tooLarge: () => string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The socket's events run outside the request's async context: its messages are written
    // back inside it, so they are in the request's reader's language.
    const say = AsyncResource.bind((message: () => string) => message());
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
      done(() => reject(new HttpError(413, 'payload_too_large', say(tooLarge), undefined, headers)));
    };
    const onEnd = () => done(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    const onFail = () => done(() => reject(new HttpError(400, 'body_incomplete', say(incomplete))));
    const onClose = () => (incoming.readableEnded ? onEnd() : onFail());
    incoming.on('data', onData).on('end', onEnd).on('error', onFail).on('close', onClose);
  });
}
