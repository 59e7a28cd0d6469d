import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { workerAlert, type WorkerAlert } from '#lib/worker/status.ts';

/** Who is signed in, as the top bar shows them. */
export interface LayoutUser {
  name: string;
  email: string;
  orgName: string;
  role: string;
  /** Admins only: the background worker is stopped or jobs used up their attempts. */
  workerAlert?: WorkerAlert | null | undefined;
}

/**
 * Who the top bar of a signed-in page shows: the person's name (their email when they have
 * none), their org and role; for admins, the worker's trouble (lib/worker/status.ts). Read in
 * the request's own tenant-scoped transaction.
 *
 * @example
 * return c.html(<SecurityPage user={await layoutUser(db, caller)} ... />);
 */
export async function layoutUser(db: TransactionSql, caller: MemberCaller): Promise<LayoutUser> {
  const [row] = await db<{ name: string; email: string; org_name: string }[]>`
    select coalesce(nullif(u.name, ''), u.email) as name, u.email, o.name as org_name
    from users u, organizations o where u.id = ${caller.userId} and o.id = ${caller.orgId}`;
  // Admins are told when the background worker is stopped or jobs are dead (a banner on every page).
  const alert = caller.role === 'admin' || caller.role === 'owner' ? await workerAlert(db) : null;
  return { name: row?.name ?? '', email: row?.email ?? '', orgName: row?.org_name ?? '', role: caller.role, workerAlert: alert };
}
