import type { TransactionSql } from '#lib/db/pool.ts';
import { orgTimeZone } from '#lib/time/org-time-zone.ts';
import { listStaff, type StaffMember } from '#lib/staff/assignable.ts';

/** What any page of ticket rows needs beside the tickets: staff (names, pickers) and the org's zone. */
export interface ListContext {
  staff: StaffMember[];
  staffNames: Map<string, string>;
  zone: string;
}

/**
 * Loads the list context in the request's transaction.
 *
 * @example
 * const { staffNames, zone } = await listContext(db);
 */
export async function listContext(tx: TransactionSql): Promise<ListContext> {
  const staff = await listStaff(tx);
  return { staff, staffNames: new Map(staff.map((s) => [s.id, s.name])), zone: await orgTimeZone(tx) };
}
