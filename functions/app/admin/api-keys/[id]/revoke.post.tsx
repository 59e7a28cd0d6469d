import { t } from '#lib/i18n/translate.ts';
import { revokeApiKey } from '#lib/api-keys/keys.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { apiKeysPageData } from '#lib/pages/admin-page-data.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ApiKeysBody } from '#views/admin/api-keys.tsx';

/** POST /app/admin/api-keys/:id/revoke — revokes a key (as DELETE /api/v1/api-keys/:id); answers the page body. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await attempt(db, (sp) => revokeApiKey(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, params.id));
    const data = await apiKeysPageData(db, caller, c.var.deps.rolePermissions);
    if (done.ok) return c.html(<ApiKeysBody {...data} state={{ notice: t('admin.api_keys.revoked_notice') }} />);
    return c.html(<ApiKeysBody {...data} state={{ error: done.message }} />, done.status as 404);
  },
});
