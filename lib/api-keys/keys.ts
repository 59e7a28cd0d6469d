import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { ApiKeyView } from './issue.ts';
import { t } from '#lib/i18n/translate.ts';

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
  if (!row) throw new HttpError(404, 'not_found', t('error.api_key_not_found'));
  await audit(tx, orgId, actor, { action: 'api_key.revoke', targetType: 'api_key', targetId: id });
}
