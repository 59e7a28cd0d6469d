import { HttpError } from './errors.ts';

/**
 * Reads a request body up to `limit` bytes, counted as it streams, so an oversized body is cut
 * off rather than buffered whatever Content-Length claims. Over the limit: 413 with the message
 * `tooLarge` writes then (in the reader's language).
 *
 * @example
 * const bytes = await readCapped(c.req.raw.body, 64 * 1024, () => 'Forms are limited to 64 KiB');
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number, tooLarge: () => string): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpError(413, 'payload_too_large', tooLarge());
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
