import * as v from 'valibot';
import { audit, type AuditActor } from '#lib/audit.ts';
import { createApiKey, type ApiKeyView } from '#lib/auth/api-keys.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import { PERMISSIONS, type RolePermissions } from '#lib/auth/permissions.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';

/** The org's keys, newest first; never the keys themselves. */
export async function listApiKeys(tx: TransactionSql): Promise<ApiKeyView[]> {
  return tx<ApiKeyView[]>`
    select id, name, display_prefix, permissions, created_by, created_at, expires_at, last_used_at, revoked_at
    from api_keys order by created_at desc limit 500`;
}

/** Revokes a live key (its next request gets 401); another org's or a revoked one is a 404. */
export async function revokeApiKey(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<void> {
  const [row] = await tx`
    update api_keys set revoked_at = now(), revoked_by = ${actor.userId ?? null}
    where id = ${id} and revoked_at is null returning id`;
  if (!row) throw new HttpError(404, 'not_found', 'No live API key with that id in this organization');
  await audit(tx, orgId, actor, { action: 'api_key.revoke', targetType: 'api_key', targetId: id });
}

/** A new key as POST /api/v1/api-keys takes it; the admin page checks its form against it too. */
export const NewApiKeyBody = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100)),
  permissions: v.pipe(v.array(v.picklist(PERMISSIONS)), v.minLength(1, 'give the key at least one permission')),
  expires_at: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp'), v.check((s) => Date.parse(s) > Date.now(), 'must be in the future'))),
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
