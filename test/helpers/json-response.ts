import { expect } from 'vitest';

/** The response's JSON body, typed as the test expects it. */
export const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

/**
 * Awaits a request, expects `status` (the body is the failure message, so a wrong status says
 * why), and returns the JSON body.
 *
 * @example
 * const { id } = await ok<{ id: string }>(t.request('/api/v1/teams', { method: 'POST', as: owner, body }), 201);
 */
export const ok = async <T>(res: Promise<Response>, status = 200): Promise<T> => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return json<T>(r);
};
