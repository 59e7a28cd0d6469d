import { openApiDocument } from '#lib/openapi/document.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ApiDocsPage } from '#views/api-docs/page.tsx';

/**
 * GET /api/docs — the API reference for people: every operation from the same OpenAPI document
 * that GET /api/v1/openapi.json serves, rendered on the server (no script, no CDN).
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  // The summary is OpenAPI developer text, English like every endpoint's; the page itself speaks the reader's language.
  summary: 'The API reference as an HTML page.',
  tags: ['docs'],
  async handler({ c }) {
    const doc = await openApiDocument({ version: c.var.deps.version, serverUrl: c.var.deps.config.publicUrl });
    return c.html(<ApiDocsPage doc={doc} />);
  },
});
