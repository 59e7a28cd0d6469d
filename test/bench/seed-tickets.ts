/**
 * Seeds a migrated database with the benchmark's data set, set-based in SQL through the owner
 * (superuser) connection: `orgs` organizations, each with a few agents and customers, and
 * `tickets` tickets with one message each, `bigOrgTickets` of them in org `bench-0000`.
 *
 * Triggers and foreign keys are off during the bulk insert (session_replication_role = replica);
 * what the triggers would have written is then computed in bulk: the search vectors, the
 * ticket counters and the per-status counts. The seed writes no audit rows.
 *
 * @example
 * await seedTickets(owner, { orgs: 1000, tickets: 1_000_000, bigOrgTickets: 100_000 });
 */
import type { Sql } from '../../lib/db/pool.ts';

export interface SeedOptions {
  orgs: number;
  tickets: number;
  bigOrgTickets: number;
}

export interface SeedResult {
  bigOrgId: string;
  bigOrgAgentId: string;
  /** One agent per org, in slug order, for spreading load over orgs. */
  agents: { orgId: string; userId: string }[];
  seconds: number;
}

// 40 words, a few of which are common in every ticket, and one ("zanzibar") in 0.1% of them.
const WORDS = `printer invoice password reset login error email outage billing refund laptop vpn network
  slow crash update install license account access screen keyboard mouse battery charger shipping
  delivery order payment card declined upgrade downgrade cancel subscription report export import
  sync calendar`.split(/\s+/).filter(Boolean);

export async function seedTickets(owner: Sql, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const [existing] = await owner`select count(*)::int as n from organizations where slug like 'bench-%'`;
  if (existing!.n > 0) throw new Error('This database already holds bench orgs; seed a fresh one');
  const perSmallOrg = Math.max(1, Math.floor((opts.tickets - opts.bigOrgTickets) / Math.max(1, opts.orgs - 1)));
  await owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`select setseed(0.42)`;
    await tx`
      insert into organizations (id, slug, name)
      select gen_random_uuid(), 'bench-' || lpad(i::text, 4, '0'), 'Bench org ' || i from generate_series(0, ${opts.orgs - 1}) i`;
    // Per org: 3 agents and customers (5,000 in the big org, 50 elsewhere).
    await tx`
      with o as (select id, slug, slug = 'bench-0000' as big from organizations where slug like 'bench-%'),
      people as (
        select o.id as org_id, o.slug, r.role, k
        from o cross join lateral (
          select 'agent'::member_role as role, k from generate_series(1, 3) k
          union all
          select 'customer'::member_role, k from generate_series(1, case when o.big then 5000 else 50 end) k) r),
      u as (
        insert into users (id, email, name)
        select gen_random_uuid(), p.role::text || p.k || '@' || p.slug || '.bench', initcap(p.role::text) || ' ' || p.k from people p
        returning id, email)
      insert into memberships (org_id, user_id, role)
      select p.org_id, u.id, p.role from people p join u on u.email = p.role::text || p.k || '@' || p.slug || '.bench'`;
  });
  const orgs = await owner<{ id: string; slug: string; agents: string[]; customers: string[] }[]>`
    select o.id, o.slug,
           array_agg(m.user_id order by m.user_id) filter (where m.role = 'agent') as agents,
           array_agg(m.user_id order by m.user_id) filter (where m.role = 'customer') as customers
    from organizations o join memberships m on m.org_id = o.id
    where o.slug like 'bench-%' group by o.id, o.slug order by o.slug`;
  const big = orgs[0]!;
  // Chunks of about 50k tickets: the big org in slices, the small ones a batch of orgs at a time.
  const chunks: { orgIds: string[]; from: number; to: number }[] = [];
  for (let from = 1; from <= opts.bigOrgTickets; from += 50_000) chunks.push({ orgIds: [big.id], from, to: Math.min(opts.bigOrgTickets, from + 49_999) });
  const orgsPerChunk = Math.max(1, Math.floor(50_000 / perSmallOrg));
  for (let i = 1; i < orgs.length; i += orgsPerChunk) chunks.push({ orgIds: orgs.slice(i, i + orgsPerChunk).map((o) => o.id), from: 1, to: perSmallOrg });
  for (const chunk of chunks) await insertChunk(owner, chunk);
  await owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`insert into ticket_counters (org_id, last_number) select org_id, max(number) from tickets group by org_id`;
    await tx`
      insert into ticket_counts (org_id, scope, scope_id, status, n)
      select org_id, 'org', '00000000-0000-0000-0000-000000000000', status, count(*) from tickets group by org_id, status
      union all
      select org_id, 'assignee', assignee_id, status, count(*) from tickets where assignee_id is not null group by org_id, assignee_id, status`;
  });
  await owner.unsafe('vacuum analyze');
  return {
    bigOrgId: big.id,
    bigOrgAgentId: big.agents[0]!,
    agents: orgs.map((o) => ({ orgId: o.id, userId: o.agents[0]! })),
    seconds: (performance.now() - started) / 1000,
  };
}

async function insertChunk(owner: Sql, chunk: { orgIds: string[]; from: number; to: number }): Promise<void> {
  await owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    // Deterministic text per (org, number): the message body is rebuilt from the same formula.
    await tx`
      create temporary table seed_rows on commit drop as
      select o.org_id, n as number, o.agents, o.customers,
             (array['new','open','pending','on_hold','solved','solved','closed','closed','closed','open'])[1 + (abs(hashtext(o.org_id::text || n)) % 10)]::ticket_status as status,
             (array['low','normal','normal','normal','high','urgent'])[1 + (abs(hashtext(n || 'p')) % 6)]::ticket_priority as priority,
             now() - make_interval(secs => (abs(hashtext(o.org_id::text || n || 'u')) % 31536000)) as updated_at,
             ${WORDS}::text[] as words,
             abs(hashtext(o.org_id::text || n || 'w')) as h
      from (
        select m.org_id,
               array_agg(m.user_id order by m.user_id) filter (where m.role = 'agent') as agents,
               array_agg(m.user_id order by m.user_id) filter (where m.role = 'customer') as customers
        from memberships m where m.org_id = any(${chunk.orgIds}::uuid[]) group by m.org_id) o
      cross join generate_series(${chunk.from}::int, ${chunk.to}::int) n`;
    await tx`
      create temporary table seed_text on commit drop as
      select r.*,
             initcap(words[1 + h % 40]) || ' ' || words[1 + (h / 40) % 40] || ' ' || words[1 + (h / 1600) % 40] as subject,
             'Hello, my ' || words[1 + (h / 7) % 40] || ' has a problem with the ' || words[1 + (h / 11) % 40] || ' and the ' ||
             words[1 + (h / 13) % 40] || '. Since the ' || words[1 + (h / 17) % 40] || ' update the ' || words[1 + (h / 19) % 40] ||
             ' shows an error whenever I try the ' || words[1 + (h / 23) % 40] || ' or open my ' || words[1 + (h / 29) % 40] ||
             '. Please help, it is urgent for our ' || words[1 + (h / 31) % 40] || ' team.' ||
             case when h % 1000 = 7 then ' Sent from zanzibar.' else '' end as body
      from seed_rows r`;
    await tx`
      insert into tickets (org_id, number, subject, status, priority, type, channel, requester_id, assignee_id, tags,
                           created_at, updated_at, solved_at, closed_at, search)
      select org_id, number, subject, status, priority, 'question', 'email',
             customers[1 + h % cardinality(customers)], case when h % 5 = 0 then null else agents[1 + h % cardinality(agents)] end,
             case when h % 7 = 0 then array['vip'] else '{}' end,
             updated_at - interval '2 days', updated_at,
             case when status in ('solved', 'closed') then updated_at end, case when status = 'closed' then updated_at end,
             to_tsvector('english', subject || ' ' || body)
      from seed_text`;
    await tx`
      insert into messages (org_id, ticket_number, author_id, internal, body_text, body_html, channel, created_at)
      select org_id, number, customers[1 + h % cardinality(customers)], false, body, '<p>' || body || '</p>', 'email', updated_at - interval '2 days'
      from seed_text`;
  });
}
