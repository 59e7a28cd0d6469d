import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../lib/app-env.ts';

/** API answers are per caller and often private: no cache may keep them. */
const apiNoStore: MiddlewareHandler<AppEnv> = async function apiNoStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};
export default apiNoStore;
