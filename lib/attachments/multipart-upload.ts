import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** One received file, still in its temp file: sniff it, then move it into the blob store. */
export interface Upload {
  /** Temp file holding the bytes; the caller moves or deletes it. */
  tmpPath: string;
  size: number;
  /** Hex SHA-256 of the content, computed while it streamed. */
  sha256: string;
  /** The first bytes (up to 4100, what file-type needs) for sniffType. */
  head: Buffer;
  /** The name exactly as the client sent it, path and all: run it through sanitizeFilename. */
  filename: string;
  /** The part's Content-Type as claimed (busboy says `text/plain` when absent). Never trust it. */
  claimedType: string;
}

export interface ReadUploadOptions {
  /** Largest accepted file in bytes; one byte more is a 413. */
  maxBytes: number;
  /** Folder for the temp file: put it on the blob store's file system so the final move is a link. */
  tmpDir: string;
  /** Form field of the file part; default `file`. */
  field?: string;
  /** Largest text field of a form (`readUploadForm`); default 64 KiB. The body may be this much larger. */
  fieldBytes?: number;
}

/** Largest text field of a page form with a file (a ticket's first message or a reply). */
const FIELD_BYTES = 64 * 1024;
/** file-type reads at most this much of a file. */
const HEAD_BYTES = 4100;
/** Room around the file for boundaries, part headers and a few small text fields. */
const ENVELOPE_BYTES = 64 * 1024;

function tooLarge(maxBytes: number, bytesRead: number): HttpError {
  const mb = Number((maxBytes / (1024 * 1024)).toFixed(2));
  return new HttpError(413, 'payload_too_large', t('error.attachment_too_large', { mb }), { limit_bytes: maxBytes, bytesRead });
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_multipart', t('error.multipart_unreadable', { problem: message }));
}

/** The temp file being written, with the digest and head collected on the way. */
interface Receiving {
  tmpPath: string;
  stream: BusboyFileStream;
  out: WriteStream;
  written: Promise<void>;
  filename: string;
  claimedType: string;
  digest(): { size: number; sha256: string; head: Buffer };
}

function receiveFile(stream: BusboyFileStream, tmpDir: string, filename: string, claimedType: string, onError: (err: Error) => void): Receiving {
  const tmpPath = join(tmpDir, `upload-${randomUUID()}`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headLength);
        headChunks.push(Buffer.from(part));
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  // `wx`: a fresh name, never someone else's file; 0600 until the blob store widens it.
  const out = createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
  const written = pipeline(stream, tap, out);
  // Reported at once: a stalled temp file would otherwise leave the parser waiting for drain.
  written.catch(onError);
  return {
    tmpPath,
    stream,
    out,
    written,
    filename,
    claimedType,
    digest: () => ({ size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) }),
  };
}

/** Waits for the temp file to be closed before unlinking, so a late open cannot recreate it. */
async function discard(file: Receiving | undefined): Promise<void> {
  if (!file) return;
  file.stream.destroy();
  file.out.destroy();
  if (!file.out.closed) await once(file.out, 'close').catch(() => {});
  await rm(file.tmpPath, { force: true });
}

/**
 * Reads the one file part named `field` from a `multipart/form-data` request into a temp file,
 * hashing it on the way. Sizes are enforced while streaming: past `maxBytes` (or the whole body
 * past `maxBytes` + 64 KiB) reading stops, the request stream is cancelled, the temp file is
 * removed and a 413 carries `details.bytesRead`. Other text fields are read and ignored.
 *
 * @example
 * const upload = await readUpload(c, { maxBytes: 25 * 1024 * 1024, tmpDir: config.blobTmpDir });
 * const type = await sniffType(upload.head, upload.filename);
 * if (!type) throw new HttpError(415, 'unsupported_media_type', 'This file type is not accepted');
 */
export async function readUpload(c: Context, opts: ReadUploadOptions): Promise<Upload> {
  const { upload } = await receiveMultipart(c, opts, false);
  return upload!;
}

/**
 * A page form with an optional file (the portal's new ticket and reply forms): the text fields
 * (first value of each name, each at most 64 KiB, else 413) and the file part named `field` if
 * one was chosen (a browser sends an empty part with no name when none was), under the same size
 * rules as `readUpload`.
 *
 * @example
 * const { fields, upload } = await readUploadForm(c, { maxBytes, tmpDir, field: 'file' });
 */
export async function readUploadForm(c: Context, opts: ReadUploadOptions): Promise<{ fields: Record<string, string>; upload: Upload | undefined }> {
  return receiveMultipart(c, opts, true);
}

async function receiveMultipart(c: Context, opts: ReadUploadOptions, withFields: boolean): Promise<{ fields: Record<string, string>; upload: Upload | undefined }> {
  const field = opts.field ?? 'file';
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', t('error.multipart_required'));
  }
  const body = c.req.raw.body;
  if (!body) throw new HttpError(400, 'file_missing', t('error.file_missing_field', { field }));
  const fieldBytes = opts.fieldBytes ?? FIELD_BYTES;
  const bodyCap = opts.maxBytes + ENVELOPE_BYTES + Math.max(0, fieldBytes - FIELD_BYTES);
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > bodyCap) {
    // Refuse before reading a byte; cancelling tells the server not to wait for the rest.
    await body.cancel().catch(() => {});
    throw tooLarge(opts.maxBytes, 0);
  }

  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': contentType },
      // Keep the name raw (busboy would cut the path); sanitizeFilename decides what survives.
      preservePath: true,
      limits: { fileSize: opts.maxBytes, files: 1, fields: withFields ? 50 : 20, fieldSize: withFields ? fieldBytes : 8 * 1024, parts: withFields ? 51 : 21 },
    });
  } catch (err) {
    await body.cancel().catch(() => {});
    throw invalid((err as Error).message);
  }

  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  const abort = new AbortController();
  let bytesRead = 0;
  let failure: Error | undefined;
  let rejectFailed: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {});
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    abort.abort();
    rejectFailed(err);
  };

  let file: Receiving | undefined;
  const fields: Record<string, string> = {};
  parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
    if (valueTruncated) return fail(new HttpError(413, 'payload_too_large', t('error.form_field_too_large', { name: name.slice(0, 50), kib: String(fieldBytes / 1024) })));
    if (withFields && !(name in fields)) fields[name] = value;
  });
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    // With `files: 1` this is the only file; one under another name is drained and ignored.
    if (name !== field) return void stream.resume();
    stream.on('limit', () => fail(tooLarge(opts.maxBytes, bytesRead)));
    file = receiveFile(stream, opts.tmpDir, filename, mimeType, (err) => {
      // A file system error (it has a syscall) is ours, a 500; anything else is a broken part.
      fail('syscall' in err ? err : invalid(err.message));
    });
  });
  parser.on('filesLimit', () => fail(new HttpError(400, 'too_many_files', t('error.one_file_per_request'))));
  parser.on('partsLimit', () => fail(invalid(t('error.problem.too_many_form_fields'))));
  parser.on('error', (err: unknown) => fail(invalid((err as Error).message)));
  const parsed = once(parser, 'finish', { signal: abort.signal });
  parsed.catch(() => {}); // abandoned when the upload fails first

  async function pump(): Promise<void> {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (failure) return;
      bytesRead += chunk.length;
      if (bytesRead > bodyCap) return fail(tooLarge(opts.maxBytes, bytesRead));
      if (!parser.write(chunk)) await once(parser, 'drain', { signal: abort.signal });
    }
    parser.end();
  }

  try {
    await Promise.race([
      pump().catch((err: unknown) => {
        throw failure ?? invalid(t('error.problem.body_ended_early', { problem: (err as Error).message }));
      }),
      failed,
    ]);
    await Promise.race([parsed, failed]);
    if (!file && withFields) return { fields, upload: undefined };
    if (!file) throw new HttpError(400, 'file_missing', t('error.file_missing_field', { field }));
    await Promise.race([file.written, failed]);
    const received = file;
    // Belt and braces: busboy marks a cut file even if its 'limit' event were ever missed.
    if (received.stream.truncated) throw tooLarge(opts.maxBytes, bytesRead);
    const upload = { tmpPath: received.tmpPath, filename: received.filename, claimedType: received.claimedType, ...received.digest() };
    // No file chosen: the browser still sends the part, empty and without a name.
    if (withFields && upload.size === 0 && upload.filename === '') {
      await rm(upload.tmpPath, { force: true });
      return { fields, upload: undefined };
    }
    return { fields, upload };
  } catch (err) {
    source.destroy();
    parser.destroy();
    await discard(file);
    throw failure ?? err;
  }
}
