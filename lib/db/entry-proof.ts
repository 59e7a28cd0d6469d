import { createHash, hkdfSync } from 'node:crypto';
import type { Sql } from './pool.ts';

/**
 * What the API and the worker show app.enter (sql/022) to set a tenant context: derived from
 * APP_SECRET, which SQL never sees, so no SQL statement (an injection included) can enter an
 * org by itself. The database keeps only its SHA-256, in app.entry_proofs.
 *
 * @example
 * const sql = createPool(config.databaseUrl, { applicationName: 'atum-api', entryProof: entryProof(config.appSecret) });
 */
export function entryProof(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, '', 'atum-desk tenant context entry proof v1', 32));
}

class EntryProofError extends Error {
  override name = 'EntryProofError';
}

/** Registers the proof of this APP_SECRET; run by the migration runner, as the schema owner. */
export async function registerEntryProof(owner: Sql, proof: Buffer): Promise<void> {
  const hash = createHash('sha256').update(proof).digest();
  await owner`insert into app.entry_proofs (proof_hash) values (${hash}) on conflict (proof_hash) do nothing`;
}

/** Stops a start whose APP_SECRET the database does not know, naming the way out. */
export async function assertEntryProofRegistered(sql: Sql, proof: Buffer, who: string): Promise<void> {
  const [row] = await sql<{ ok: boolean }[]>`select app.entry_proof_registered(${proof}) as ok`;
  if (row?.ok) return;
  throw new EntryProofError(
    `${who}: the database does not know this APP_SECRET, so it would refuse every tenant context. ` +
      'Run `npm run atum -- migrate` (with DATABASE_OWNER_URL set) with this APP_SECRET, or set DATABASE_OWNER_URL so start registers it.',
  );
}
