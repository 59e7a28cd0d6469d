import * as v from 'valibot';
import { issueApiKey, NewApiKeyBody } from '#lib/api-keys/issue.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { apiKeysPageData } from '#lib/pages/admin-page-data.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { fieldErrors, firstSegmentOr } from '#lib/http/schema-issues.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ApiKeysBody, type ApiKeysState } from '#views/admin/api-keys.tsx';

/**
 * POST /app/admin/api-keys — creates a key from the form (ticked `perm_<permission>` boxes, an
 * optional expiry day), checked by POST /api/v1/api-keys's own schema; the key is shown once.
 */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const roles = c.var.deps.rolePermissions;
    const values = await readFormFields(c);
    const again = async (status: number, state: ApiKeysState) => c.html(<ApiKeysBody {...(await apiKeysPageData(db, caller, roles))} state={state} />, status as 200);
    const day = values.expires_on?.trim();
    const candidate = {
      name: values.name ?? '',
      permissions: Object.keys(values).flatMap((k) => (k.startsWith('perm_') ? [k.slice(5)] : [])),
      expires_at: day ? (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day) : undefined,
    };
    const parsed = v.safeParse(NewApiKeyBody, candidate);
    if (!parsed.success) return again(400, { form: { errors: fieldErrors(parsed.issues, firstSegmentOr('name', { expires_at: 'expires_on' })), values } });
    const done = await attempt(db, (sp) => issueApiKey(sp, caller, roles, { userId: caller.userId, ip: c.var.clientIp }, parsed.output), { forbidden: 'permissions' });
    if (!done.ok) return again(done.status, { form: { errors: done.errors, values }, error: done.message });
    return again(200, { created: { name: done.value.name, key: done.value.key } });
  },
});
