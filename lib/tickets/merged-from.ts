import type { TransactionSql } from '#lib/db/pool.ts';

/**
 * The tickets merged into this one (their conversations now live here), by number.
 *
 * @example
 * const merged = await mergedFrom(db, 42); // [{ number: 7, subject: 'Printer' }]
 */
export async function mergedFrom(tx: TransactionSql, number: number): Promise<{ number: number; subject: string }[]> {
  const rows = await tx<{ number: string; subject: string }[]>`
    select number::text as number, subject from tickets where merged_into = ${number} order by tickets.number limit 100`;
  return rows.map((r) => ({ number: Number(r.number), subject: r.subject }));
}
