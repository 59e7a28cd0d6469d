import type { Child } from 'hono/jsx';
import { t, tRich } from '#lib/i18n/translate.ts';

const strong = (chunks: Child[]) => <strong>{chunks}</strong>;

/**
 * What every reader needs before the operations: signing in, API keys, retries, errors. The
 * prose is in the reader's language; paths, headers and JSON stay as the API spells them.
 */
export function ApiDocsIntro() {
  return (
    <section>
      <h2>{t('api_docs.intro.signing_in_heading')}</h2>
      <p>
        {tRich('api_docs.intro.signing_in', {
          login: <code>POST /api/v1/auth/login</code>,
          credentials: <code>{'{"org": "<slug>", "email": "…", "password": "…"}'}</code>,
          access_token: <code>access_token</code>,
          refresh_token: <code>refresh_token</code>,
          mfa_answer: <code>{'{"mfa_required": true, "mfa_token": "…"}'}</code>,
          mfa: <code>POST /api/v1/auth/mfa</code>,
          bearer: <code>Authorization: Bearer &lt;access_token&gt;</code>,
          refresh: <code>POST /api/v1/auth/refresh</code>,
        })}
      </p>
      <p>
        {tRich('api_docs.intro.api_keys', {
          b: strong,
          prefix: <code>atk_…</code>,
          create: <code>POST /api/v1/api-keys</code>,
          header: <code>Authorization: Bearer atk_…</code>,
        })}
      </p>
      <p>{tRich('api_docs.intro.retries', { b: strong, post: <code>POST</code>, header: <code>Idempotency-Key</code> })}</p>
      <h2>{t('api_docs.intro.errors_heading')}</h2>
      <p>{t('api_docs.intro.errors_shape')}</p>
      <pre>
        {
          '{"error": {"code": "validation_failed", "message": "Invalid request body: email: must be an email address",\n           "details": [{"path": "email", "message": "must be an email address"}]}}'
        }
      </pre>
      <p>{tRich('api_docs.intro.statuses', { retry_after: <code>Retry-After</code> })}</p>
    </section>
  );
}
