import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json, ok } from './helpers/json-response.ts';

const t = useTestApp({ env: { ATTACHMENT_MAX_MB: '1' } });
let owner: Member;
let customer: Member;
let stranger: Member;

// The smallest valid PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Message {
  id: string;
  body: string;
  attachments: { id: string; filename: string; size: number; mime: string }[];
}

/** A multipart body: the JSON as the part `payload` (raw text when a string), and an optional file. */
function multipart(payload: unknown, file?: { bytes: Buffer; name: string }): FormData {
  const data = new FormData();
  if (payload !== undefined) data.append('payload', typeof payload === 'string' ? payload : JSON.stringify(payload));
  if (file) data.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.name);
  return data;
}
const post = async (url: string, as: Member, body: FormData, headers: Record<string, string> = {}) => t.app.request(url, { method: 'POST', headers: { authorization: as.auth, ...headers }, body });
const messagesOf = async (as: Member, number: number) => (await ok<{ items: Message[] }>(t.request(`/api/v1/tickets/${number}/messages`, { as }))).items;
const ticketsTitled = (subject: string) => t.owner`select number from tickets where subject = ${subject}`;
const tempFiles = async () => (await readdir(path.join(t.deps.config.dataDir, 'tmp')).catch(() => [])).filter((n) => n.startsWith('upload-'));

async function newTicket(as: Member, subject: string): Promise<number> {
  return (await ok<{ number: number }>(t.request('/api/v1/tickets', { method: 'POST', as, body: { subject, body: 'first words' } }), 201)).number;
}

beforeAll(async () => {
  owner = await t.org('api-files-co');
  customer = await t.member(owner, 'customer');
  stranger = await t.org('api-files-other');
});

describe('POST /api/v1/tickets as multipart', () => {
  it('opens the ticket with the file under its first message', async () => {
    const res = await post('/api/v1/tickets', owner, multipart({ subject: 'Broken screen', body: 'photo attached', priority: 'high' }, { bytes: PNG, name: 'screen.png' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const ticket = await json<{ number: number; subject: string; priority: string }>(res);
    expect(ticket).toMatchObject({ subject: 'Broken screen', priority: 'high' });

    const [first, ...rest] = await messagesOf(owner, ticket.number);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ body: 'photo attached', attachments: [{ filename: 'screen.png', size: PNG.length, mime: 'image/png' }] });
    const rows = await t.owner`select message_id, sha256, org_id from attachments where ticket_number = ${ticket.number} and org_id = ${owner.orgId}`;
    expect(rows).toEqual([{ message_id: first!.id, sha256: sha256(PNG), org_id: owner.orgId }]);
    expect(await tempFiles()).toEqual([]);
  });

  it('takes a customer’s request with a file, as the portal does', async () => {
    const ticket = await ok<{ number: number }>(post('/api/v1/tickets', customer, multipart({ subject: 'From the customer', body: 'see file' }, { bytes: PNG, name: 'c.png' })), 201);
    const [first] = await messagesOf(customer, ticket.number);
    expect(first!.attachments.map((a) => a.filename)).toEqual(['c.png']);
  });

  it('opens a ticket from a payload without a file', async () => {
    const ticket = await ok<{ number: number }>(post('/api/v1/tickets', owner, multipart({ subject: 'No file', body: 'just words' })), 201);
    const [first] = await messagesOf(owner, ticket.number);
    expect(first).toMatchObject({ body: 'just words', attachments: [] });
  });

  it('refuses a file of an unaccepted type with 415 and writes no ticket', async () => {
    const res = await post('/api/v1/tickets', owner, multipart({ subject: 'Carries an ELF', body: 'run me' }, { bytes: ELF, name: 'tool.png' }));
    expect(res.status).toBe(415);
    // Refused for what the file is, after the ticket was written, which rolled back with it.
    expect((await json<{ error: { code: string; message: string } }>(res)).error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringMatching(/kind of file is not accepted/) });
    expect(await ticketsTitled('Carries an ELF')).toHaveLength(0);
    expect(await t.owner`select 1 from messages where body_text = 'run me'`).toHaveLength(0);
    expect(await t.owner`select 1 from attachments where filename = 'tool.png'`).toHaveLength(0);
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a missing, malformed or invalid payload with 400, keeping nothing', async () => {
    const file = { bytes: PNG, name: 'orphan.png' };
    const cases: [FormData, string, RegExp][] = [
      [multipart(undefined, file), 'validation_failed', /part "payload"/],
      [multipart('{"subject": "half', file), 'invalid_json', /"payload" is not valid JSON/],
      [multipart('', file), 'invalid_json', /"payload" is empty/],
      [multipart({ body: 'no subject' }, file), 'validation_failed', /subject/],
    ];
    for (const [body, code, message] of cases) {
      const res = await post('/api/v1/tickets', owner, body);
      expect(res.status).toBe(400);
      const { error } = await json<{ error: { code: string; message: string } }>(res);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(await t.owner`select 1 from attachments where filename = 'orphan.png'`).toHaveLength(0);
    expect(await tempFiles()).toEqual([]);
  });

  it('still takes JSON, and refuses other content types with 415', async () => {
    const number = await newTicket(owner, 'Plain JSON');
    expect(await messagesOf(owner, number)).toMatchObject([{ body: 'first words', attachments: [] }]);
    const text = await t.app.request('/api/v1/tickets', { method: 'POST', headers: { authorization: owner.auth, 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
  });

  it('replays a retry with the same Idempotency-Key and bytes, and refuses other bytes under it with 422', async () => {
    const headers = { 'idempotency-key': 'api-files-create-1' };
    const payload = { subject: 'Idempotent upload', body: 'once' };
    const first = await ok<{ number: number }>(post('/api/v1/tickets', owner, multipart(payload, { bytes: PNG, name: 'once.png' }), headers), 201);
    const again = await post('/api/v1/tickets', owner, multipart(payload, { bytes: PNG, name: 'once.png' }), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<{ number: number }>(again)).number).toBe(first.number);

    const otherBytes = Buffer.concat([PNG, Buffer.from('trailing')]);
    const changed = await post('/api/v1/tickets', owner, multipart(payload, { bytes: otherBytes, name: 'once.png' }), headers);
    expect(changed.status).toBe(422);
    expect((await json<{ error: { code: string } }>(changed)).error.code).toBe('idempotency_key_reused');
    const renamed = await post('/api/v1/tickets', owner, multipart(payload, { bytes: PNG, name: 'twice.png' }), headers);
    expect(renamed.status).toBe(422);
    const withoutFile = await post('/api/v1/tickets', owner, multipart(payload), headers);
    expect(withoutFile.status).toBe(422);
    expect(await ticketsTitled('Idempotent upload')).toHaveLength(1);
    expect(await t.owner`select 1 from attachments where filename = 'once.png'`).toHaveLength(1);
  });
});

describe('POST /api/v1/tickets/:number/messages as multipart', () => {
  it('files the file under the new reply', async () => {
    const number = await newTicket(owner, 'Reply with file');
    const res = await post(`/api/v1/tickets/${number}/messages`, owner, multipart({ body: 'here is the log' }, { bytes: PNG, name: 'log.png' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const message = await json<{ id: string; internal: boolean }>(res);
    expect(message.internal).toBe(false);

    const [first, reply] = await messagesOf(owner, number);
    expect(first!.attachments).toEqual([]);
    expect(reply).toMatchObject({ id: message.id, body: 'here is the log', attachments: [{ filename: 'log.png', mime: 'image/png' }] });
    const rows = await t.owner`select message_id, sha256 from attachments where org_id = ${owner.orgId} and ticket_number = ${number}`;
    expect(rows).toEqual([{ message_id: message.id, sha256: sha256(PNG) }]);
  });

  it('keeps an internal note’s file from the customer', async () => {
    const number = await newTicket(owner, 'Note with file');
    await ok(post(`/api/v1/tickets/${number}/messages`, owner, multipart({ body: 'for staff', internal: true }, { bytes: PNG, name: 'secret.png' })), 201);
    await t.owner`update tickets set requester_id = ${customer.userId} where org_id = ${owner.orgId} and number = ${number}`;
    expect((await messagesOf(owner, number)).flatMap((m) => m.attachments.map((a) => a.filename))).toEqual(['secret.png']);
    expect((await messagesOf(customer, number)).flatMap((m) => m.attachments)).toEqual([]);
  });

  it('refuses a file of an unaccepted type with 415 and writes no message', async () => {
    const number = await newTicket(owner, 'Reply with ELF');
    const res = await post(`/api/v1/tickets/${number}/messages`, owner, multipart({ body: 'never stored' }, { bytes: ELF, name: 'tool.bin' }));
    expect(res.status).toBe(415);
    expect((await json<{ error: { code: string; message: string } }>(res)).error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringMatching(/kind of file is not accepted/) });
    expect(await messagesOf(owner, number)).toHaveLength(1);
    expect(await t.owner`select 1 from messages where body_text = 'never stored'`).toHaveLength(0);
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a malformed payload with 400', async () => {
    const number = await newTicket(owner, 'Reply, bad payload');
    const broken = await post(`/api/v1/tickets/${number}/messages`, owner, multipart('not json', { bytes: PNG, name: 'x.png' }));
    expect(broken.status).toBe(400);
    expect((await json<{ error: { code: string } }>(broken)).error.code).toBe('invalid_json');
    const unknownKey = await post(`/api/v1/tickets/${number}/messages`, owner, multipart({ body: 'hi', color: 'red' }));
    expect(unknownKey.status).toBe(400);
    expect((await json<{ error: { code: string } }>(unknownKey)).error.code).toBe('validation_failed');
    expect(await messagesOf(owner, number)).toHaveLength(1);
  });

  it('answers 404 for another org’s ticket number, keeping nothing', async () => {
    const number = await newTicket(owner, 'Not theirs');
    const strangerTickets = await t.owner`select 1 from tickets where org_id = ${stranger.orgId}`;
    expect(strangerTickets).toHaveLength(0);
    const res = await post(`/api/v1/tickets/${number}/messages`, stranger, multipart({ body: 'intrusion' }, { bytes: PNG, name: 'intrude.png' }));
    expect(res.status).toBe(404);
    expect(await t.owner`select 1 from messages where body_text = 'intrusion'`).toHaveLength(0);
    expect(await t.owner`select 1 from attachments where filename = 'intrude.png'`).toHaveLength(0);
    expect(await tempFiles()).toEqual([]);
  });

  it('still takes a JSON reply', async () => {
    const number = await newTicket(owner, 'JSON reply');
    await ok(t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'plain reply' } }), 201);
    expect((await messagesOf(owner, number)).map((m) => m.body)).toEqual(['first words', 'plain reply']);
  });
});
