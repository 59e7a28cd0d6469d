import { SMTPServer } from 'smtp-server';
import { expect, vi } from 'vitest';
import { freePort } from './free-port.ts';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  /** The raw message with quoted-printable undone: what a reader of the text and HTML parts sees. */
  decoded: string;
  /** Header names in lower case, values unfolded; the last occurrence wins. */
  headers: Map<string, string>;
}

export interface SmtpSink {
  port: number;
  mails: CapturedMail[];
  /** Refuse what comes next: at RCPT TO (a recipient) or at the end of DATA (the message). */
  refuse(at: 'rcpt' | 'data' | null, code?: number, text?: string): void;
  /** How many times a client reached DATA (accepted or not), and when (ms since epoch). */
  dataAttempts: number;
  dataAttemptTimes: number[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: no TLS, no auth unless `auth` is given (then
 * required, PLAIN/LOGIN), every accepted message kept in `mails`. `refuse` makes it answer an SMTP error, as a full or broken relay would.
 *
 * @example
 * const smtp = await startSmtpSink();
 * // … send …
 * expect(smtp.mails[0].headers.get('subject')).toContain('[#1]');
 */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  let refusal: { at: 'rcpt' | 'data'; code: number; text: string } | null = null;
  const sink: SmtpSink = {
    port: await freePort(),
    mails: [],
    dataAttempts: 0,
    dataAttemptTimes: [],
    refuse(at, code = 451, text = 'Try again later') {
      refusal = at ? { at, code, text } : null;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const refuseError = () => Object.assign(new Error(refusal!.text), { responseCode: refusal!.code });
  const server = new SMTPServer({
    authOptional: !opts.auth,
    // Without TLS the server would refuse AUTH; these tests run on 127.0.0.1 only.
    allowInsecureAuth: true,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass;
      callback(ok ? null : Object.assign(new Error('Invalid username or password'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(_address, _session, callback) {
      callback(refusal?.at === 'rcpt' ? refuseError() : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.dataAttempts++;
        sink.dataAttemptTimes.push(Date.now());
        if (refusal?.at === 'data') return callback(refuseError());
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          decoded: raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          headers: parseHeaders(raw),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sink.port, '127.0.0.1', () => resolve());
  });
  return sink;
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

/**
 * Waits (polling, with a deadline) for the n-th mail the sink caught for an address.
 *
 * @example
 * const ack = await mailTo(smtp, 'cara@customer.test');
 */
export async function mailTo(sink: SmtpSink, address: string, n = 1, timeout = 20_000): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await vi.waitFor(
    () => {
      found = sink.mails.filter((m) => m.to.includes(address))[n - 1];
      expect(found, `mail #${n} to ${address}`).toBeDefined();
    },
    { timeout, interval: 50 },
  );
  return found!;
}
