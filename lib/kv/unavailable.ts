import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** What a client is told to wait while Redis is away: ioredis reconnects at least every 2 s. */
export const KV_RETRY_AFTER_SECONDS = 5;

/**
 * Redis did not answer (down, unreachable, or slower than the command timeout). A request that
 * needs it answers 503 with Retry-After rather than hanging or failing with a 500; callers that
 * can do without it (lib/auth/throttle.ts, for refresh) catch it.
 *
 * @example
 * try { await kv.get(key); } catch (err) { if (!(err instanceof KvUnavailableError)) throw err; }
 */
export class KvUnavailableError extends HttpError<'kv_unavailable'> {
  override name = 'KvUnavailableError';
  constructor(cause: unknown) {
    super(503, 'kv_unavailable', t('error.kv_unavailable'), undefined, {
      'Retry-After': String(KV_RETRY_AFTER_SECONDS),
    });
    this.cause = cause;
  }
}
