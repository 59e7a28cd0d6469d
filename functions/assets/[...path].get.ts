import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { etagMatches, loadStaticAsset } from '#lib/http/static-assets.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * GET /assets/* — the static files the pages need, from a fixed allowlist
 * (lib/http/static-assets.ts), with ETag revalidation.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  params: v.object({ path: v.string() }),
  async handler({ c, params }) {
    const asset = await loadStaticAsset(params.path);
    if (!asset) throw new HttpError(404, 'not_found', t('error.asset_not_found', { path: params.path }));
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('ETag', asset.etag);
    if (etagMatches(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    return c.body(asset.body, 200);
  },
});
