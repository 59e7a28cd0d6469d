import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const LIMIT_MB = 1;
const t = useTestApp({ env: { ATTACHMENT_MAX_MB: String(LIMIT_MB) } });
let owner: Member;
let customer: Member;
let ticket: number;

// The smallest valid PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

function form(file: Buffer, filename: string, type = 'image/png'): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(file)], { type }), filename);
  return data;
}
const upload = (as: Member, number: number, body: FormData | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  t.app.request(`/api/v1/tickets/${number}/attachments`, {
    method: 'POST',
    headers: { authorization: as.auth, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

async function newTicket(as: Member, requester?: string): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject: 'Files', body: 'see attached', ...(requester ? { requester: { email: requester } } : {}) } });
  return (await json<{ number: number }>(res)).number;
}

async function filesOnDisk(): Promise<string[]> {
  const root = path.join(t.deps.config.dataDir, 'attachments');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  owner = await t.org('files-co');
  customer = await t.member(owner, 'customer');
  ticket = await newTicket(owner);
});

describe('attachments', () => {
  it('stores a file by its bytes, ignoring the claimed type, and serves it back as a safe download', async () => {
    const res = await upload(owner, ticket, form(PNG, 'pixel.png', 'application/x-lies'));
    expect(res.status).toBe(201);
    const a = await json<{ id: string; mime: string; size: number; sha256: string; download_url: string }>(res);
    expect(a).toMatchObject({ mime: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    const download = await t.request(a.download_url, { as: owner });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="pixel.png"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/sandbox/);
  });

  it('refuses an executable renamed to .png with 415 and keeps nothing', async () => {
    const before = await filesOnDisk();
    const res = await upload(owner, ticket, form(ELF, 'innocent.png'));
    expect(res.status).toBe(415);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unsupported_media_type');
    expect(await filesOnDisk()).toEqual(before);
    const rows = await t.owner`select 1 from attachments where filename = 'innocent.png'`;
    expect(rows).toHaveLength(0);
  });

  it('cuts off an oversized body with 413, having read not much more than the limit', async () => {
    let pulled = 0;
    const boundary = 'bench-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const total = 20 * LIMIT_MB * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 0) controller.enqueue(new Uint8Array(Buffer.concat([head, PNG])));
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const res = await upload(owner, ticket, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(413);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('payload_too_large');
    expect(pulled).toBeLessThan(LIMIT_MB * 1024 * 1024 + 1024 * 1024);
    expect(pulled).toBeLessThan(total);
  });

  it('stores a path-traversal filename harmlessly', async () => {
    const res = await upload(owner, ticket, form(PNG, '../../../../etc/passwd.png'));
    expect(res.status).toBe(201);
    const a = await json<{ filename: string }>(res);
    expect(a.filename).toBe('passwd.png');
    const root = path.join(t.deps.config.dataDir, 'attachments');
    for (const file of await filesOnDisk()) expect(file.startsWith(root + path.sep)).toBe(true);
  });

  it('stores the same content once per org, however often it is uploaded', async () => {
    const content = Buffer.concat([PNG, Buffer.from('dedupe')]);
    const first = await json<{ sha256: string }>(await upload(owner, ticket, form(content, 'a.png')));
    const second = await upload(owner, ticket, form(content, 'b.png'));
    expect(second.status).toBe(201);
    const [blobs] = await t.owner<{ n: number }[]>`select count(*)::int as n from attachment_blobs where sha256 = ${first.sha256}`;
    expect(blobs!.n).toBe(1);
    const [rows] = await t.owner<{ n: number }[]>`select count(*)::int as n from attachments where sha256 = ${first.sha256}`;
    expect(rows!.n).toBe(2);
    expect((await filesOnDisk()).filter((f) => f.endsWith(first.sha256))).toHaveLength(1);
  });

  it('refuses new content once the org is over its quota, but still takes content it already has', async () => {
    await t.owner`update organizations set attachment_quota_bytes = (select sum(size) from attachment_blobs where org_id = ${owner.orgId}) where id = ${owner.orgId}`;
    const res = await upload(owner, ticket, form(Buffer.concat([PNG, Buffer.from('new bytes')]), 'more.png'));
    expect(res.status).toBe(413);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('quota_exceeded');
    expect((await upload(owner, ticket, form(PNG, 'again.png'))).status).toBe(201);
    await t.owner`update organizations set attachment_quota_bytes = 10737418240 where id = ${owner.orgId}`;
  });

  it("gives another org and another customer a 404 for a ticket's files", async () => {
    const other = await t.org('files-other');
    expect((await upload(other, ticket, form(PNG, 'x.png'))).status).toBe(404);
    const list = await json<{ items: { id: string }[] }>(await t.request(`/api/v1/tickets/${ticket}/attachments`, { as: owner }));
    const id = list.items[0]!.id;
    expect((await t.request(`/api/v1/attachments/${id}`, { as: other })).status).toBe(404);
    expect((await t.request(`/api/v1/tickets/${ticket}/attachments`, { as: other })).status).toBe(404);
    expect((await t.request(`/api/v1/attachments/${id}`, { as: customer })).status).toBe(404);
    const mine = await newTicket(owner, customer.email);
    const res = await upload(customer, mine, form(PNG, 'mine.png'));
    expect(res.status).toBe(201);
    const { id: own } = await json<{ id: string }>(res);
    expect((await t.request(`/api/v1/attachments/${own}`, { as: customer })).status).toBe(200);
  });

  it("files an upload under a message of the ticket with message_id, as the README's curl example does", async () => {
    // create → reply → attachment upload, as in the README.
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Printer on fire', body: 'It is on fire.', requester: { email: customer.email } } });
    expect(created.status).toBe(201);
    const { number } = await json<{ number: number }>(created);
    const replied = await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'Here is the manual.' } });
    expect(replied.status).toBe(201);
    const { id: messageId } = await json<{ id: string }>(replied);
    const res = await t.app.request(`/api/v1/tickets/${number}/attachments?message_id=${messageId}`, { method: 'POST', headers: { authorization: owner.auth }, body: form(PNG, 'manual.png') });
    expect(res.status, await res.clone().text()).toBe(201);
    const file = await json<{ id: string; message_id: string }>(res);
    expect(file.message_id).toBe(messageId);
    const conversation = await json<{ items: { id: string; attachments: { id: string; filename: string; download_url: string }[] }[] }>(
      await t.request(`/api/v1/tickets/${number}/messages`, { as: customer }),
    );
    expect(conversation.items.map((m) => m.attachments.map((a) => a.filename))).toEqual([[], ['manual.png']]);
    expect(conversation.items[1]!.attachments[0]).toMatchObject({ id: file.id, download_url: `/api/v1/attachments/${file.id}` });

    // Only a message of this ticket, and for a customer only their own.
    const other = await newTicket(owner);
    const elsewhere = await t.app.request(`/api/v1/tickets/${other}/attachments?message_id=${messageId}`, { method: 'POST', headers: { authorization: owner.auth }, body: form(PNG, 'x.png') });
    expect(elsewhere.status).toBe(422);
    const onStaffWords = await t.app.request(`/api/v1/tickets/${number}/attachments?message_id=${messageId}`, { method: 'POST', headers: { authorization: customer.auth }, body: form(PNG, 'y.png') });
    expect(onStaffWords.status).toBe(422);
    expect((await json<{ error: { code: string } }>(onStaffWords)).error.code).toBe('invalid_message');
    const note = await json<{ id: string }>(await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'internal', internal: true } }));
    const onNote = await t.app.request(`/api/v1/tickets/${number}/attachments?message_id=${note.id}`, { method: 'POST', headers: { authorization: customer.auth }, body: form(PNG, 'z.png') });
    expect(onNote.status).toBe(422);
    expect((await t.app.request(`/api/v1/tickets/${number}/attachments?message_id=nope`, { method: 'POST', headers: { authorization: owner.auth }, body: form(PNG, 'n.png') })).status).toBe(400);
    const [rows] = await t.owner<{ n: number }[]>`select count(*)::int as n from attachments where org_id = ${owner.orgId} and filename in ('x.png', 'y.png', 'z.png', 'n.png')`;
    expect(rows!.n).toBe(0);
  });

  it('answers a retried upload with the same Idempotency-Key with the first result and stores nothing new', async () => {
    const content = Buffer.concat([PNG, Buffer.from('retried')]);
    const first = await upload(owner, ticket, form(content, 'retry.png'), { 'idempotency-key': 'upload-1' });
    const again = await upload(owner, ticket, form(content, 'retry.png'), { 'idempotency-key': 'upload-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const a = await json<{ id: string }>(first);
    expect((await json<{ id: string }>(again)).id).toBe(a.id);
    const [rows] = await t.owner<{ n: number }[]>`select count(*)::int as n from attachments where org_id = ${owner.orgId} and filename = 'retry.png'`;
    expect(rows!.n).toBe(1);
    const other = await upload(owner, ticket, form(Buffer.concat([PNG, Buffer.from('other')]), 'retry.png'), { 'idempotency-key': 'upload-1' });
    expect(other.status).toBe(422);
  });

  it('answers 415 for a body that is not multipart, and 400 without a file part', async () => {
    expect((await t.request(`/api/v1/tickets/${ticket}/attachments`, { method: 'POST', as: owner, body: { file: 'x' } })).status).toBe(415);
    const data = new FormData();
    data.append('note', 'no file here');
    expect((await upload(owner, ticket, data)).status).toBe(400);
  });
});
