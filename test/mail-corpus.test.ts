import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { fileMail, type FileOptions, type Filed } from '#lib/mail/inbound/file-mail.ts';
import { saveMailbox } from '#lib/mail/mailboxes.ts';
import { WILD_MAIL } from './fixtures/mail-wild.ts';
import { useTestApp, type Member } from './helpers/app.ts';

/**
 * The fixture corpus (test/fixtures/mail/*.eml, and the mail built byte by byte in
 * test/fixtures/mail-wild.ts), filed in name order through the same path the IMAP poller and
 * the inbound endpoint use, each against its expected outcome below.
 * Before the run: ticket 1 (requester alice@customer.test) with our sent Message-IDs out-1,
 * out-2 and out-3, and ticket 2, closed, with out-closed.
 */
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'mail');

interface Expected {
  outcome: 'ticket' | 'reply' | 'follow_up' | 'bounce' | 'quarantined' | 'duplicate';
  /** The ticket it lands on (replies, follow-ups' origin, bounces). */
  ticket?: number;
  /** It lands on (a reply) or duplicates (a duplicate) the ticket this other fixture made. */
  ticketOf?: string;
  suppress?: boolean;
  from?: string;
  subject?: string;
  text?: string[];
  textLacks?: string[];
  htmlHas?: string[];
  htmlLacks?: string[];
  files?: { filename: string; mime: string; contentId?: string }[];
  refused?: string[];
  reason?: RegExp;
}

// prettier-ignore
const TABLE: Record<string, Expected> = {
  '01-plain-text.eml': { outcome: 'ticket', suppress: false, from: 'alice@customer.test', subject: 'Printer on floor 3 is jammed', text: ['error E-42'] },
  '02-multipart-alternative.eml': { outcome: 'ticket', text: ['VPN drops every 10 minutes'], htmlHas: ['<b>VPN</b>'] },
  '03-html-only.eml': { outcome: 'ticket', text: ['invoice 2026-117 charged twice'], htmlHas: ['<b>2026-117</b>'], htmlLacks: ['script', 'onclick', 'javascript:', 'color:red'] },
  '04-quoted-printable.eml': { outcome: 'ticket', from: 'joerg@customer.test', subject: 'Lösung klappt nicht', text: ['Grüße aus München – die Lösung'] },
  '05-base64-text.eml': { outcome: 'ticket', text: ['reset link says it has expired'] },
  '06-iso-8859-1.eml': { outcome: 'ticket', subject: 'Café machine défectueuse', text: ['La machine à café du 2e étage', 'René'] },
  '07-windows-1252.eml': { outcome: 'ticket', text: ['“500 €” – is that per seat?'] },
  '08-shift-jis.eml': { outcome: 'ticket', subject: 'プリンター故障', text: ['プリンターが動きません'] },
  '09-inline-image.eml': { outcome: 'ticket', htmlHas: ['src="cid:shot-1@customer.test"'], files: [{ filename: 'image001.png', mime: 'image/png', contentId: 'shot-1@customer.test' }] },
  '10-attachment-pdf.eml': { outcome: 'ticket', files: [{ filename: 'contract.pdf', mime: 'application/pdf' }] },
  '11-winmail-dat.eml': { outcome: 'ticket', text: ["Notes from today's meeting"], files: [], refused: ['winmail.dat'] },
  '12-calendar-invite.eml': { outcome: 'ticket', suppress: false, text: ['invited to: Onboarding call'], refused: ['invitation.ics', 'invite.ics'] },
  '13-auto-submitted.eml': { outcome: 'ticket', suppress: true, reason: /^auto-submitted: auto-replied$/ },
  '14-out-of-office-exchange.eml': { outcome: 'ticket', suppress: true, reason: /^x-auto-response-suppress/ },
  '15-precedence-bulk.eml': { outcome: 'ticket', suppress: true, reason: /^precedence: bulk$/ },
  '16-x-autoreply.eml': { outcome: 'ticket', suppress: true, reason: /^x-autoreply$/ },
  '17-x-autorespond.eml': { outcome: 'ticket', suppress: true, reason: /^x-autorespond$/ },
  '18-empty-return-path.eml': { outcome: 'ticket', suppress: true, reason: /^empty return-path$/ },
  '19-mailing-list.eml': { outcome: 'ticket', suppress: true, reason: /^mailing-list$/ },
  '20-own-address.eml': { outcome: 'ticket', suppress: true, reason: /^from one of our own mailboxes$/ },
  '21-dsn-bounce-embedded-message.eml': { outcome: 'bounce', ticket: 1, suppress: true, reason: /^bounce \(5\.1\.1 for gone@customer\.test\) of our mail <out-1@corpus\.test>/ },
  '22-dsn-bounce-headers-only.eml': { outcome: 'bounce', ticket: 1, reason: /5\.2\.2 .* <out-2@corpus\.test>/ },
  '23-dsn-bounce-unknown.eml': { outcome: 'bounce', reason: /no record of sending \(<never-sent@elsewhere\.test>\)/ },
  '24-reply-in-reply-to.eml': { outcome: 'reply', ticket: 1, suppress: false, text: ['it works again'], reason: /In-Reply-To/ },
  '25-reply-references-only.eml': { outcome: 'reply', ticket: 1, from: 'dave@elsewhere.test', reason: /In-Reply-To\/References/ },
  '26-reply-subject-participant.eml': { outcome: 'reply', ticket: 1, reason: /subject reference/ },
  '27-subject-reference-stranger.eml': { outcome: 'ticket', from: 'mallory@evil.test', subject: 'Re: [#1] please read' },
  '28-reply-to-closed-ticket.eml': { outcome: 'follow_up', ticket: 2, text: ['old issue is back'] },
  '29-oversized-attachment.eml': { outcome: 'ticket', text: ['Log attached'], files: [], refused: ['huge.png'] },
  '30-broken-mime-no-boundary.eml': { outcome: 'quarantined', reason: /multipart message without a boundary/ },
  '31-broken-mime-boundary-never-used.eml': { outcome: 'quarantined', reason: /boundary "expected-boundary" never occurs/ },
  '32-no-sender.eml': { outcome: 'quarantined', reason: /no usable sender address/ },
  '33-not-a-mail.eml': { outcome: 'quarantined', reason: /NUL bytes|does not start with a header/ },
  '34-no-message-id.eml': { outcome: 'ticket', text: ['95% full'] },
  '35-duplicate-of-01.eml': { outcome: 'duplicate', ticketOf: '01-plain-text.eml', reason: /^same Message-ID <c01@customer\.test> and content as the mail filed/ },
  '36-rfc2231-filename.eml': { outcome: 'ticket', from: 'zoe@customer.test', files: [{ filename: 'résumé Zoë.pdf', mime: 'application/pdf' }] },
  '37-x-loop.eml': { outcome: 'ticket', suppress: true, reason: /^x-loop$/ },
  '38-html-with-data-image-and-tracking.eml': { outcome: 'ticket', htmlHas: ['href="https://customer.test/a"'], htmlLacks: ['tracker.test', 'iframe', 'evil.test'] },
  // test/fixtures/mail-wild.ts
  '39-mbox-from-line.eml': { outcome: 'ticket', from: 'alice@customer.test', subject: 'Scanner offline', text: ['offline since Monday'] },
  '40-mbox-resent-without-from-line.eml': { outcome: 'duplicate', ticketOf: '39-mbox-from-line.eml' },
  '41-message-id-reused.eml': {
    outcome: 'ticket',
    from: 'bob@other.test',
    subject: 'Invoice question',
    text: ['Which invoice'],
    reason: /^Message-ID <c01@customer\.test> was used before by a different mail/,
  },
  '42-reply-to-reused-id-by-first-sender.eml': { outcome: 'reply', ticketOf: '01-plain-text.eml', text: ['Still jammed'] },
  '43-reply-to-reused-id-by-second-sender.eml': { outcome: 'reply', ticketOf: '41-message-id-reused.eml', from: 'bob@other.test', text: ['invoice 77'] },
  '44-reply-to-reused-id-by-stranger.eml': { outcome: 'ticket', from: 'dave@elsewhere.test', subject: 'Re: Invoice question' },
  '45-iso-2022-jp-unlabelled.eml': { outcome: 'ticket', text: ['これはテストメールです。'], textLacks: ['\u001b', '$B'] },
  '46-shift-jis-raw-subject.eml': { outcome: 'ticket', subject: 'ツール', text: ['Please see the subject.'] },
  '47-us-ascii-label-shift-jis-body.eml': { outcome: 'ticket', text: ['プリンターが動きません。よろしくお願いします。'] },
  '48-utf8-label-windows-1252-body.eml': { outcome: 'ticket', from: 'rene@customer.test', text: ['La machine à café du 2e étage', 'Merci, René'] },
  '49-utf8-unlabelled.eml': { outcome: 'ticket', text: ['Grüße aus Köln – danke für die schnelle Hilfe!'] },
  '50-pgp-mime-encrypted.eml': {
    outcome: 'ticket',
    subject: 'Confidential',
    text: ['This message is encrypted'],
    files: [{ filename: 'encrypted.asc', mime: 'application/pgp-encrypted' }],
    refused: [],
  },
};

const t = useTestApp({ env: { ATTACHMENT_MAX_MB: '1' } });
let owner: Member;
let options: FileOptions;
let mailbox: { id: string; subject_pattern: string };
const results = new Map<string, Filed>();
const raws = new Map<string, Buffer>();

async function corpus(): Promise<Map<string, Buffer>> {
  const all = new Map<string, Buffer>(Object.entries(WILD_MAIL));
  for (const file of (await readdir(FIXTURES)).filter((f) => f.endsWith('.eml'))) all.set(file, await readFile(path.join(FIXTURES, file)));
  return new Map([...all].sort(([a], [b]) => a.localeCompare(b)));
}

/** The ticket another fixture's mail was filed on. */
function ticketOf(file: string): number {
  const filed = results.get(file);
  if (filed?.status !== 'filed' || filed.ticketNumber === null) throw new Error(`${file} made no ticket: ${JSON.stringify(filed)}`);
  return filed.ticketNumber;
}

beforeAll(async () => {
  owner = await t.org('corpus');
  const box = await withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: owner.userId, role: 'owner' }, (tx) =>
    saveMailbox(tx, t.deps.mailKey, owner.orgId, null, { name: 'Help', from_address: 'help@corpus.test' }),
  );
  mailbox = { id: box.id, subject_pattern: box.subject_pattern };
  for (const subject of ['Printer on floor 3 is jammed', 'Old issue']) {
    const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject, body: 'x', requester: { email: 'alice@customer.test' } } });
    expect(res.status).toBe(201);
  }
  expect((await t.request('/api/v1/tickets/2', { method: 'PATCH', as: owner, body: { status: 'closed' } })).status).toBe(200);
  await t.owner`
    insert into mail_message_ids (org_id, message_id, ticket_number, direction, mailbox_id)
    select ${owner.orgId}, id, n, 'out', ${box.id} from (values ('out-1@corpus.test', 1), ('out-2@corpus.test', 1), ('out-3@corpus.test', 1), ('out-closed@corpus.test', 2)) v (id, n)`;
  options = {
    sql: t.deps.unscoped,
    dataDir: t.deps.config.dataDir,
    attachmentMaxBytes: t.deps.config.attachmentMaxBytes,
    mailMaxBytes: t.deps.config.mailMaxBytes,
    kv: t.deps.kv,
    autoreplyCapPerHour: 1000,
  };
  for (const [file, raw] of await corpus()) {
    raws.set(file, raw);
    results.set(file, await fileMail(options, { orgId: owner.orgId, mailbox, source: 'endpoint', raw }));
  }
});

describe('the mail corpus', () => {
  it('has at least 30 fixtures, each with an expected outcome', async () => {
    const files = [...(await corpus()).keys()];
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(TABLE).sort());
  });

  for (const [file, want] of Object.entries(TABLE)) {
    it(`${file} → ${want.outcome}`, async () => {
      const filed = results.get(file)!;
      const got = filed.status === 'filed' ? filed.outcome : filed.status;
      expect(got, JSON.stringify(filed)).toBe(want.outcome);
      const [row] = await t.owner<
        {
          outcome: string;
          reason: string | null;
          ticket_number: string | null;
          ticket_message_id: string | null;
          suppress_autoreply: boolean;
          auto_reason: string | null;
          from_address: string | null;
          subject: string | null;
          refused_attachments: { filename: string }[];
          raw_gz: Buffer;
          size: number;
        }[]
      >`
        select * from mail_inbound where org_id = ${owner.orgId} and (ticket_message_id is not distinct from ${filed.status === 'filed' ? filed.ticketMessageId : null}::uuid) and outcome = ${want.outcome}
          and (${filed.status === 'filed' ? filed.ticketMessageId : null}::uuid is not null or reason = ${filed.reason})`;
      expect(row, 'one mail_inbound row').toBeDefined();
      // The raw MIME is kept, compressed, byte for byte.
      expect(gunzipSync(row!.raw_gz).equals(raws.get(file)!)).toBe(true);
      if (want.reason) expect(want.outcome === 'ticket' || want.outcome === 'reply' ? (row!.auto_reason ?? row!.reason) : row!.reason).toMatch(want.reason);
      if (want.outcome === 'duplicate') {
        // Recorded, with the ticket of the mail it repeats, and nothing filed a second time.
        expect(row!.ticket_message_id).toBeNull();
        expect(Number(row!.ticket_number)).toBe(ticketOf(want.ticketOf!));
        return;
      }
      if (want.suppress !== undefined) expect(row!.suppress_autoreply).toBe(want.suppress);
      if (want.from) expect(row!.from_address).toBe(want.from);
      if (want.refused) expect(row!.refused_attachments.map((r) => r.filename)).toEqual(want.refused);
      if (want.outcome === 'quarantined') {
        expect(row!.ticket_number).toBeNull();
        return;
      }
      if (want.outcome === 'bounce') {
        expect(row!.ticket_message_id).toBeNull();
        if (want.ticket) {
          const [out] =
            await t.owner`select bounced_at, bounce_recipient from mail_message_ids where org_id = ${owner.orgId} and ticket_number = ${want.ticket} and bounce_status is not null and message_id = ${/<([^>]+)>/.exec(row!.reason!)![1]!}`;
          expect(out).toMatchObject({ bounce_recipient: 'gone@customer.test' });
        }
        return;
      }
      const [msg] = await t.owner<{ ticket_number: string; body_text: string; body_html: string; channel: string; subject: string; follow_up_of: string | null; email: string; role: string }[]>`
        select m.ticket_number::text, m.body_text, m.body_html, m.channel::text, tk.subject, tk.follow_up_of::text, u.email, ms.role::text
        from messages m join tickets tk on tk.org_id = m.org_id and tk.number = m.ticket_number
        join users u on u.id = m.author_id join memberships ms on ms.org_id = m.org_id and ms.user_id = u.id
        where m.org_id = ${owner.orgId} and m.id = ${row!.ticket_message_id}`;
      expect(msg).toBeDefined();
      expect(msg!.channel).toBe('email');
      if (want.outcome === 'reply') expect(Number(msg!.ticket_number)).toBe(want.ticketOf ? ticketOf(want.ticketOf) : want.ticket);
      if (want.outcome === 'follow_up') expect(Number(msg!.follow_up_of)).toBe(want.ticket);
      if (want.outcome === 'ticket') expect(Number(msg!.ticket_number)).toBeGreaterThan(2);
      if (want.from) expect(msg!.email).toBe(want.from);
      if (want.subject) expect(msg!.subject).toBe(want.subject);
      for (const s of want.text ?? []) expect(msg!.body_text).toContain(s);
      for (const s of want.textLacks ?? []) expect(msg!.body_text).not.toContain(s);
      for (const s of want.htmlHas ?? []) expect(msg!.body_html).toContain(s);
      for (const s of want.htmlLacks ?? []) expect(msg!.body_html).not.toContain(s);
      if (want.files) {
        const files = await t.owner<{ filename: string; mime: string; content_id: string | null }[]>`
          select filename, mime, content_id from attachments where org_id = ${owner.orgId} and message_id = ${row!.ticket_message_id} order by filename`;
        expect(files).toEqual(want.files.map((f) => ({ filename: f.filename, mime: f.mime, content_id: f.contentId ?? null })));
      }
    });
  }

  it('makes each new sender a customer, and files nothing twice', async () => {
    const [m] = await t.owner`select role::text from memberships ms join users u on u.id = ms.user_id where ms.org_id = ${owner.orgId} and u.email = 'rene@customer.test'`;
    expect(m).toEqual({ role: 'customer' });
    for (const [text, n] of [
      ['%error E-42%', 1],
      ['%offline since Monday%', 1],
    ] as const) {
      const [filed] = await t.owner`select count(*)::int as n from messages where org_id = ${owner.orgId} and body_text like ${text}`;
      expect(filed, text).toEqual({ n });
    }
  });

  it('keeps a mail_inbound row for every mail received, whatever became of it', async () => {
    const rows = await t.owner<{ outcome: string; n: number }[]>`
      select outcome, count(*)::int as n from mail_inbound where org_id = ${owner.orgId} and message_id not like 'wild-%' group by outcome order by outcome`;
    const want = new Map<string, number>();
    for (const filed of results.values()) {
      const outcome = filed.status === 'filed' ? filed.outcome : filed.status;
      want.set(outcome, (want.get(outcome) ?? 0) + 1);
    }
    expect(rows).toEqual([...want].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => ({ outcome, n })));
  });

  it('never lets a quarantined mail block a good copy of itself', async () => {
    const raw = Buffer.from('From: Alice <alice@customer.test>\nTo: help@corpus.test\nSubject: Too big at first\nMessage-ID: <wild-big@customer.test>\n\nThe limit was raised since.\n');
    const first = await fileMail({ ...options, mailMaxBytes: 64 }, { orgId: owner.orgId, mailbox, source: 'endpoint', raw });
    expect(first).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/over the 0 MiB limit/) });
    const second = await fileMail(options, { orgId: owner.orgId, mailbox, source: 'endpoint', raw });
    expect(second).toMatchObject({ status: 'filed', outcome: 'ticket' });
    const third = await fileMail(options, { orgId: owner.orgId, mailbox, source: 'endpoint', raw });
    expect(third).toMatchObject({ status: 'duplicate', ticketNumber: second.ticketNumber });
    const rows = await t.owner`select outcome, ticket_number::int from mail_inbound where org_id = ${owner.orgId} and message_id = 'wild-big@customer.test' order by received_at, outcome desc`;
    expect(rows).toEqual([
      { outcome: 'quarantined', ticket_number: null },
      { outcome: 'ticket', ticket_number: second.ticketNumber },
      { outcome: 'duplicate', ticket_number: second.ticketNumber },
    ]);
  });
});
