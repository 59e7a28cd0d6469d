import * as v from 'valibot';
import { mustBeTimestamp, notEmpty } from '#lib/http/validation-messages.ts';
import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import { mintToken } from '#lib/auth/opaque-token.ts';
import { PERMISSIONS, type Permission, type RolePermissions } from '#lib/auth/permissions.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** A key as the API and the admin page show it: never the key itself, which only its creator sees, once. */
export interface ApiKeyView {
  id: string;
  name: string;
  display_prefix: string;
  permissions: Permission[];
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** What whoever creates a key may hand out: never more than they hold themselves. */
export function grantablePermissions(creator: MemberCaller | ApiKeyCaller, roles: RolePermissions): ReadonlySet<Permission> {
  return creator.kind === 'member' ? (roles.get(creator.role) ?? new Set()) : new Set(creator.permissions);
}

/**
 * Creates an API key with a subset of the creator's permissions. The key is returned once, here;
 * only its SHA-256 is stored.
 *
 * @example
 * const { key, view } = await createApiKey(tx, caller, roles, { name: 'CRM sync', permissions: ['tickets.read_all'] });
 */
async function createApiKey(
  tx: TransactionSql,
  creator: MemberCaller | ApiKeyCaller,
  roles: RolePermissions,
  input: { name: string; permissions: Permission[]; expires_at?: string | undefined },
): Promise<{ key: string; view: ApiKeyView }> {
  const grantable = grantablePermissions(creator, roles);
  const beyond = input.permissions.filter((p) => !grantable.has(p));
  if (beyond.length) throw new HttpError(403, 'forbidden', t('error.api_key_permissions_beyond', { permissions: beyond.join(', ') }));
  const { token, hash } = mintToken('api_key', creator.orgId);
  const [view] = await tx<ApiKeyView[]>`
    insert into api_keys (org_id, name, token_hash, display_prefix, permissions, created_by, expires_at)
    values (${creator.orgId}, ${input.name}, ${hash}, ${token.slice(0, 12)}, ${[...new Set(input.permissions)]},
            ${creator.kind === 'member' ? creator.userId : null}, ${input.expires_at ?? null})
    returning id, name, display_prefix, permissions, created_by, created_at, expires_at, last_used_at, revoked_at`;
  return { key: token, view: view! };
}

/** A new key as POST /api/v1/api-keys takes it; the admin page checks its form against it too. */
export const NewApiKeyBody = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100)),
  permissions: v.pipe(
    v.array(v.picklist(PERMISSIONS)),
    v.minLength(1, () => t('validation.api_key.permissions')),
  ),
  expires_at: v.optional(
    v.pipe(
      v.string(),
      v.isoTimestamp(mustBeTimestamp),
      v.check(
        (s) => Date.parse(s) > Date.now(),
        () => t('validation.future'),
      ),
    ),
  ),
});

/** Creates a key (never with more than the creator holds) and records it; the key is in the answer, this once. */
export async function issueApiKey(
  tx: TransactionSql,
  creator: MemberCaller | ApiKeyCaller,
  roles: RolePermissions,
  actor: AuditActor,
  input: v.InferOutput<typeof NewApiKeyBody>,
): Promise<ApiKeyView & { key: string }> {
  const { key, view } = await createApiKey(tx, creator, roles, input);
  await audit(tx, creator.orgId, actor, { action: 'api_key.create', targetType: 'api_key', targetId: view.id, details: { name: view.name, permissions: view.permissions } });
  return { ...view, key };
}
