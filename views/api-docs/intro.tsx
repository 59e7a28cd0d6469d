/** What every reader needs before the operations: signing in, API keys, retries, errors. */
export function ApiDocsIntro() {
  return (
    <section>
      <h2>Signing in</h2>
      <p>
        <code>POST /api/v1/auth/login</code> with <code>{'{"org": "<slug>", "email": "…", "password": "…"}'}</code> answers an <code>access_token</code> (15 minutes) and a <code>refresh_token</code>.
        With 2FA it answers <code>{'{"mfa_required": true, "mfa_token": "…"}'}</code> instead: send that token and a code to <code>POST /api/v1/auth/mfa</code>. Then send{' '}
        <code>Authorization: Bearer &lt;access_token&gt;</code> on every request, and renew with <code>POST /api/v1/auth/refresh</code> (the refresh token changes every time).
      </p>
      <p>
        <strong>API keys</strong> (<code>atk_…</code>, created by an admin under <code>POST /api/v1/api-keys</code>, shown once) go in the same header: <code>Authorization: Bearer atk_…</code>. A key
        works on endpoints that need one of its permissions, never on those for signed-in people.
      </p>
      <p>
        <strong>Retries:</strong> creating <code>POST</code>s that list an <code>Idempotency-Key</code> header run at most once per key (any 1-255 visible ASCII characters, kept 24 hours); a retry
        with the same key gets the first answer.
      </p>
      <h2>Errors</h2>
      <p>Every error has one shape, with the HTTP status telling its class:</p>
      <pre>
        {
          '{"error": {"code": "validation_failed", "message": "Invalid request body: email: must be an email address",\n           "details": [{"path": "email", "message": "must be an email address"}]}}'
        }
      </pre>
      <p>
        400 invalid input · 401 no valid credentials · 403 not allowed · 404 not in your organization · 409 conflict · 413 too large · 422 refused by a rule · 429 throttled (see{' '}
        <code>Retry-After</code>) · 503 database unavailable.
      </p>
    </section>
  );
}
