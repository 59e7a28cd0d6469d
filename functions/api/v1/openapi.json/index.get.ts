import { openApiDocument } from '#lib/openapi/document.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API, built from the endpoints'
 * own schemas on the first request and kept in memory. (A folder, since route file names allow
 * no dot before the method.)
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  summary: 'The OpenAPI 3.1 description of this API.',
  tags: ['docs'],
  async handler({ c }) {
    const doc = await openApiDocument({ version: c.var.deps.version, serverUrl: c.var.deps.config.publicUrl });
    // The routes only change with a deploy: revalidate, never serve a copy from an old release.
    c.header('Cache-Control', 'no-cache');
    return c.json(doc);
  },
});
