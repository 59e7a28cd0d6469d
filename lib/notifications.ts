import type { TransactionSql } from './db/pool.ts';
import { HttpError } from './http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** An in-app notification as the API shows it. */
export interface NotificationJson {
  id: string;
  kind: string;
  ticket_number: number | null;
  title: string;
  details: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `id, kind, ticket_number::int as ticket_number, title, details, created_at, read_at`;

/**
 * The signed-in person's notifications, newest first (RLS shows each person only their own).
 *
 * @example
 * const { items, unread } = await listNotifications(db, { unreadOnly: true, limit: 20 });
 */
export async function listNotifications(tx: TransactionSql, opts: { unreadOnly: boolean; limit: number }): Promise<{ items: NotificationJson[]; unread: number }> {
  const [items, [count]] = await Promise.all([
    tx.unsafe<NotificationJson[]>(`select ${COLUMNS} from notifications ${opts.unreadOnly ? 'where read_at is null' : ''} order by created_at desc, id limit $1`, [opts.limit]),
    tx<{ n: number }[]>`select count(*)::int as n from notifications where read_at is null`,
  ]);
  return { items, unread: count!.n };
}

/** Marks one of the person's notifications read or unread; anyone else's is a 404. */
export async function markNotification(tx: TransactionSql, id: string, read: boolean): Promise<NotificationJson> {
  const [row] = await tx.unsafe<NotificationJson[]>(`update notifications set read_at = case when $2 then coalesce(read_at, now()) end where id = $1 returning ${COLUMNS}`, [id, read]);
  if (!row) throw new HttpError(404, 'not_found', t('error.notification_not_found', { id }));
  return row;
}
