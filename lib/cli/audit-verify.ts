import type { Config } from '#lib/config.ts';
import type { Sql } from '#lib/db/pool.ts';
import { CliError, withOwner } from './with-owner.ts';

interface Verdict {
  slug: string;
  rows: number;
  /** The first row whose hash does not hold, or null when the chain is intact. */
  broken: { seq: string; action: string; at: Date } | null;
}

/**
 * `atum audit verify [--org <slug>]`: recomputes every org's audit hash chain (or one org's) in
 * the database and prints one line per org. Returns the exit code: 1 when any chain is broken.
 *
 * @example
 * const code = await auditVerify(config, { org: 'acme' }, console.log);
 * // ok acme: 42 rows, chain intact
 */
export async function auditVerify(config: Config, options: { org?: string | undefined }, print: (line: string) => void): Promise<number> {
  return withOwner(config, async (owner) => {
    // Through the definer functions, as lib/orgs/create.ts does: an owner bound by FORCEd RLS sees no
    // organization outside a tenant context.
    const ids =
      options.org === undefined
        ? await owner<{ id: string }[]>`select id from app.org_ids() as o (id)`
        : await owner<{ id: string }[]>`select id from (select app.org_id_by_slug(${options.org}) as id) o where o.id is not null`;
    if (options.org !== undefined && ids.length === 0) throw new CliError(`No organization with slug "${options.org}"`);
    if (ids.length === 0) print('no organizations yet: nothing to verify');
    const verdicts: Verdict[] = [];
    for (const { id } of ids) verdicts.push(await verifyOrg(owner, id));
    for (const { slug, rows, broken } of verdicts.sort((a, b) => a.slug.localeCompare(b.slug))) {
      if (broken) print(`BROKEN ${slug}: row ${broken.seq} (${broken.action} at ${broken.at.toISOString()}) does not match its hash or its predecessor`);
      else print(`ok ${slug}: ${rows} ${rows === 1 ? 'row' : 'rows'}, chain intact`);
    }
    return verdicts.some((v) => v.broken) ? 1 : 0;
  });
}

/**
 * In the org's own tenant context, since a non-superuser owner (production) sees none of its rows
 * without one. Transaction-local (`true`): the pool may hand each statement another connection,
 * and a session-level setting would stay behind on one of them.
 */
async function verifyOrg(owner: Sql, orgId: string): Promise<Verdict> {
  return (await owner.begin('read only', async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    const [row] = await tx<{ slug: string; rows: number; seq: string | null; action: string | null; at: Date | null }[]>`
      select (select slug from organizations where id = ${orgId}) as slug,
             (select count(*)::int from audit_log where org_id = ${orgId}) as rows,
             b.seq::text as seq, a.action, a.at
      from (select app.audit_chain_break(${orgId}) as seq) b
      left join audit_log a on a.org_id = ${orgId} and a.seq = b.seq`;
    if (!row) throw new Error('audit_chain_break returned no row');
    const broken = row.seq === null ? null : { seq: row.seq, action: row.action ?? '?', at: row.at ?? new Date(0) };
    return { slug: row.slug, rows: row.rows, broken };
  })) as Verdict;
}
