import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';

/** API answers are per caller and often private: no cache may keep them, unless a handler says otherwise. */
const apiNoStore: MiddlewareHandler<AppEnv> = async function apiNoStore(c, next) {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};
export default apiNoStore;
