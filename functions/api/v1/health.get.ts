import { endpoint } from '#lib/router/endpoint.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '#lib/db/errors.ts';
import { readHealth } from '#lib/health.ts';

/** GET /api/v1/health — 200 while the database answers, 503 when it does not. */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const health = await readHealth(c.var.deps);
    // Retry-After, as every 503 of a lost database has: load balancers and clients back off.
    if (health.status === 'down') c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(health, health.status === 'down' ? 503 : 200);
  },
});
