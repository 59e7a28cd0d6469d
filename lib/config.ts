import path from 'node:path';
import * as v from 'valibot';
import { CidrError, parseCidrList, type TrustedProxies } from './http/client-ip.ts';
import { defaultRedisPrefix } from './kv/prefix.ts';

/**
 * Everything ATUM DESK reads from the environment, validated once at start.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError naming the bad variable
 */
export interface Config {
  /** Application-role URL. `undefined` means: run an embedded PostgreSQL under DATA_DIR. */
  databaseUrl: string | undefined;
  /** Owner-role URL, used by migrations and the CLI only. */
  databaseOwnerUrl: string | undefined;
  /** Queue-role URL for graphile-worker. Defaults to DATABASE_URL with the user `atum_worker`. */
  workerDatabaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Starts every Redis key, so installations sharing one Redis keep apart (lib/kv/prefix.ts). */
  redisPrefix: string;
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string;
  /** Signs access tokens. Generated into DATA_DIR in embedded mode; required otherwise. */
  appSecret: string | undefined;
  /** Seals mailbox passwords (lib/mail/secret-key.ts). Unset: derived from APP_SECRET. */
  mailSecretKey: string | undefined;
  /** Largest inbound email accepted (IMAP or the inbound endpoint); bigger mail is quarantined or refused. */
  mailMaxBytes: number;
  embeddedPgPort: number;
  workerConcurrency: number;
  /** Largest accepted upload; a bigger body is cut off while it streams. */
  attachmentMaxBytes: number;
  /** Proxies whose X-Forwarded-For is believed (lib/http/client-ip.ts). Empty: the socket peer is the client. */
  trustedProxies: TrustedProxies;
  /** Outbound mail (lib/mail/outbound): the fallback server and the delivery policy. */
  mail: MailConfig;
}

export interface MailConfig {
  /** SMTP server for mail no mailbox sends (invitations, password resets, staff notifications of an org without a mailbox with SMTP). */
  smtpUrl: string | undefined;
  /** From of mail sent through smtpUrl, e.g. `ATUM DESK <desk@example.com>`. */
  from: string;
  /** Tries per message before it is marked failed. */
  maxAttempts: number;
  /** The wait after the first failed try; it doubles after each one, up to 64 times this. */
  retryBaseSeconds: number;
  /** A message claimed for sending longer ago than this is reported as possibly sent, never re-sent. */
  sendingTimeoutMinutes: number;
}

/** One line, naming the variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const url = (protocols: string[]) =>
  v.pipe(
    v.string(),
    v.check(
      (s) => {
        try {
          return protocols.includes(new URL(s).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    ),
  );

const integer = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `must be a whole number between ${min} and ${max}`),
    v.transform(Number),
    v.minValue(min, `must be a whole number between ${min} and ${max}`),
    v.maxValue(max, `must be a whole number between ${min} and ${max}`),
  );

const postgresUrl = url(['postgres:', 'postgresql:']);

const schema = v.object({
  DATABASE_URL: v.optional(postgresUrl),
  DATABASE_OWNER_URL: v.optional(postgresUrl),
  WORKER_DATABASE_URL: v.optional(postgresUrl),
  REDIS_URL: v.optional(url(['redis:', 'rediss:'])),
  REDIS_PREFIX: v.optional(v.pipe(v.string(), v.regex(/^[\x21-\x7e]{1,64}$/, 'must be 1-64 visible ASCII characters without spaces, e.g. atum-prod:'))),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), '127.0.0.1'),
  PORT: v.optional(integer(1, 65535), '8000'),
  DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), './data'),
  PUBLIC_URL: v.optional(url(['http:', 'https:'])),
  APP_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters (try: openssl rand -base64 48)'))),
  MAIL_SECRET_KEY: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters (try: openssl rand -base64 48)'))),
  MAIL_MAX_MB: v.optional(integer(1, 1024), '35'),
  EMBEDDED_PG_PORT: v.optional(integer(1, 65535), '5488'),
  WORKER_CONCURRENCY: v.optional(integer(1, 64), '4'),
  ATTACHMENT_MAX_MB: v.optional(integer(1, 1024), '25'),
  SMTP_URL: v.optional(url(['smtp:', 'smtps:'])),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.regex(/^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, optionally with a name: Name <desk@example.com>'))),
  MAIL_MAX_ATTEMPTS: v.optional(integer(1, 50), '8'),
  MAIL_RETRY_BASE_SECONDS: v.optional(integer(1, 86400), '60'),
  MAIL_SENDING_TIMEOUT_MINUTES: v.optional(integer(5, 1440), '15'),
  TRUSTED_PROXIES: v.optional(
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        try {
          return parseCidrList(dataset.value);
        } catch (err) {
          if (!(err instanceof CidrError)) throw err;
          addIssue({ message: `must be IP addresses or CIDR ranges separated by commas, not ${JSON.stringify(err.entry)}` });
          return NEVER;
        }
      }),
    ),
    '',
  ),
});

/** Reads and validates the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.entries)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const key = issue.path?.[0]?.key;
    const name = typeof key === 'string' ? key : 'environment';
    const got = typeof key === 'string' ? ` (got ${JSON.stringify(input[key])})` : '';
    throw new ConfigError(`${name} ${issue.message}${got}`);
  }
  const e = result.output;
  if (e.DATABASE_URL && !e.APP_SECRET) {
    throw new ConfigError('APP_SECRET is required when DATABASE_URL is set (try: openssl rand -base64 48)');
  }
  if (!e.DATABASE_URL && (e.DATABASE_OWNER_URL || e.WORKER_DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL must be set when DATABASE_OWNER_URL or WORKER_DATABASE_URL is set');
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    workerDatabaseUrl: e.WORKER_DATABASE_URL ?? (e.DATABASE_URL ? withUser(e.DATABASE_URL, 'atum_worker') : undefined),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX ?? defaultRedisPrefix({ databaseUrl: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR) }),
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    appSecret: e.APP_SECRET,
    mailSecretKey: e.MAIL_SECRET_KEY,
    mailMaxBytes: e.MAIL_MAX_MB * 1024 * 1024,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
    trustedProxies: e.TRUSTED_PROXIES,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? `ATUM DESK <noreply@${new URL(e.PUBLIC_URL ?? 'http://localhost').hostname}>`,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
      sendingTimeoutMinutes: e.MAIL_SENDING_TIMEOUT_MINUTES,
    },
  };
}

/** Same server and database, another login role (its password is left out). */
export function withUser(connectionUrl: string, user: string, password?: string): string {
  const u = new URL(connectionUrl);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** The login role a connection URL uses. */
export function userOf(connectionUrl: string): string {
  return decodeURIComponent(new URL(connectionUrl).username) || 'postgres';
}
