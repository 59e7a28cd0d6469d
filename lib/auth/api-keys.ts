import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { mintToken } from './opaque-token.ts';
import type { Permission, RolePermissions } from './permissions.ts';
import type { ApiKeyCaller, MemberCaller } from './caller.ts';

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
export async function createApiKey(
  tx: TransactionSql,
  creator: MemberCaller | ApiKeyCaller,
  roles: RolePermissions,
  input: { name: string; permissions: Permission[]; expires_at?: string | undefined },
): Promise<{ key: string; view: ApiKeyView }> {
  const grantable = grantablePermissions(creator, roles);
  const beyond = input.permissions.filter((p) => !grantable.has(p));
  if (beyond.length) throw new HttpError(403, 'forbidden', `You cannot give a key permissions you do not hold: ${beyond.join(', ')}`);
  const { token, hash } = mintToken('api_key', creator.orgId);
  const [view] = await tx<ApiKeyView[]>`
    insert into api_keys (org_id, name, token_hash, display_prefix, permissions, created_by, expires_at)
    values (${creator.orgId}, ${input.name}, ${hash}, ${token.slice(0, 12)}, ${[...new Set(input.permissions)]},
            ${creator.kind === 'member' ? creator.userId : null}, ${input.expires_at ?? null})
    returning id, name, display_prefix, permissions, created_by, created_at, expires_at, last_used_at, revoked_at`;
  return { key: token, view: view! };
}
