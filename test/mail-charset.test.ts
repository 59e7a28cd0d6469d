import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffType } from '#lib/attachments/sniff-type.ts';
import { charsetFor } from '#lib/mail/inbound/charset-guess.ts';
import { relabelCharsets } from '#lib/mail/inbound/charset-labels.ts';
import { contentDigest, withoutMboxSeparator } from '#lib/mail/inbound/raw-mail.ts';
import { iso2022jp, WILD_MAIL } from './fixtures/mail-wild.ts';

/** The pieces behind the wild cases of the mail corpus, one rule at a time (no database). */

const sjis = (s: string) => iconv.encode(s, 'shift_jis');

describe('charsetFor: guesses only where the label cannot be right', () => {
  it('leaves ASCII, valid UTF-8 and text valid in its own label alone', async () => {
    expect(await charsetFor(Buffer.from('ok'), null)).toBeNull();
    expect(await charsetFor(Buffer.from('ok'), 'us-ascii')).toBeNull();
    expect(await charsetFor(Buffer.from('Grüße – danke'), null)).toBeNull();
    expect(await charsetFor(Buffer.from('Grüße – danke'), 'us-ascii')).toBeNull();
    expect(await charsetFor(Buffer.from('Grüße – danke'), 'utf-8')).toBeNull();
    expect(await charsetFor(iconv.encode('Café à René', 'latin1'), 'iso-8859-1')).toBeNull();
    expect(await charsetFor(sjis('プリンター故障'), 'Shift_JIS')).toBeNull();
    // Labelled ISO-2022-JP: trusted (mailparser decodes it), and valid UTF-8 labelled so stays.
    expect(await charsetFor(iso2022jp('これはテストメールです。'), 'ISO-2022-JP')).toBeNull();
    expect(await charsetFor(iso2022jp('これはテストメールです。'), 'utf-8')).toBeNull();
  });

  it('names the charset of unlabelled, US-ASCII-labelled, unknown-labelled and mislabelled text', async () => {
    expect(await charsetFor(iso2022jp('これはテストメールです。'), null)).toBe('ISO-2022-JP');
    expect(await charsetFor(iso2022jp('これはテストメールです。'), 'us-ascii')).toBe('ISO-2022-JP');
    expect(await charsetFor(sjis('プリンターが動きません。よろしくお願いします。'), 'us-ascii')).toMatch(/^(CP932|SHIFT_JIS)$/);
    expect(await charsetFor(sjis('プリンターが動きません。よろしくお願いします。'), 'unknown-8bit')).toMatch(/^(CP932|SHIFT_JIS)$/);
    expect(await charsetFor(iconv.encode('La machine à café est en panne. Merci, René', 'win1252'), 'utf-8')).toMatch(/^(Windows-1252|ISO-8859-1|iso8859-15)$/i);
    expect(await charsetFor(iconv.encode('Привет, принтер не работает уже два дня', 'koi8-r'), null)).toBe('KOI8-R');
  });
});

describe('relabelCharsets', () => {
  it('leaves every correctly labelled fixture byte for byte as it is', async () => {
    const dir = path.join(import.meta.dirname, 'fixtures', 'mail');
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.eml'))) {
      const raw = await readFile(path.join(dir, file));
      expect((await relabelCharsets(raw)).equals(raw), file).toBe(true);
    }
    expect((await relabelCharsets(WILD_MAIL['49-utf8-unlabelled.eml']!)).equals(WILD_MAIL['49-utf8-unlabelled.eml']!)).toBe(true);
  });

  it('changes only the labels: a charset parameter, a Content-Type where none was, a raw subject as UTF-8', async () => {
    const lines = async (raw: Buffer) => (await relabelCharsets(raw)).toString('utf8').split('\n');
    expect(await lines(WILD_MAIL['45-iso-2022-jp-unlabelled.eml']!)).toContain('Content-Type: text/plain; charset=ISO-2022-JP');
    expect(await lines(WILD_MAIL['46-shift-jis-raw-subject.eml']!)).toContain('Subject: ツール');
    const partWithoutHeaders = Buffer.concat([
      Buffer.from('From: a@b.test\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n\n'),
      sjis('プリンターが動きません。よろしくお願いします。'),
      Buffer.from('\n--b--\n'),
    ]);
    const fixed = await relabelCharsets(partWithoutHeaders);
    expect(fixed.toString('latin1')).toMatch(/--b\nContent-Type: text\/plain; charset=(CP932|SHIFT_JIS)\n\n/);
    expect(fixed.length - partWithoutHeaders.length).toBe('Content-Type: text/plain; charset=\n'.length + /charset=(\S+)/.exec(fixed.toString('latin1'))![1]!.length);
  });
});

describe('the raw mail', () => {
  it('loses an mbox separator line, and nothing else', () => {
    expect(withoutMboxSeparator(Buffer.from('From a@b.test Tue Dec  1 04:00:00 2026\r\nFrom: a@b.test\r\n\r\nhi')).toString()).toBe('From: a@b.test\r\n\r\nhi');
    expect(withoutMboxSeparator(Buffer.from('From: a@b.test\n\nFrom here on\n')).toString()).toBe('From: a@b.test\n\nFrom here on\n');
  });

  it('digests what the author wrote: another route or line ends change nothing, another subject or body does', () => {
    const mail = 'From: a@b.test\nTo: help@c.test\nSubject: Printer\nMessage-ID: <x@b.test>\n\nIt is jammed.  \n\n';
    const digest = contentDigest(Buffer.from(mail));
    expect(contentDigest(Buffer.from(`Received: from relay2 by mx; Tue, 1 Dec 2026\nDelivered-To: sales@c.test\n${mail}`))).toEqual(digest);
    expect(contentDigest(Buffer.from(mail.replace(/\n/g, '\r\n')))).toEqual(digest);
    expect(contentDigest(Buffer.from(mail.replace('Printer', 'Invoice')))).not.toEqual(digest);
    expect(contentDigest(Buffer.from(mail.replace('jammed', 'fixed')))).not.toEqual(digest);
    expect(contentDigest(Buffer.from(mail.replace('a@b.test', 'bob@other.test')))).not.toEqual(digest);
  });
});

describe('PGP/MIME attachments', () => {
  it('accepts an armoured OpenPGP message and still refuses other armour', async () => {
    const armour = (kind: string) => Buffer.from(`-----BEGIN PGP ${kind}-----\n\nhQEMA8sxXqtBc2R1AQf/\n=Xq3d\n-----END PGP ${kind}-----\n`);
    expect(await sniffType(armour('MESSAGE'), 'encrypted.asc')).toEqual({ mime: 'application/pgp-encrypted', ext: 'pgp' });
    expect(await sniffType(armour('SIGNATURE'), 'signature.asc')).toBeNull();
  });
});
