import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let a: Member;
let b: Member;
let tenantTables: string[];

beforeAll(async () => {
  a = await t.org('isolation-a');
  b = await t.org('isolation-b');
  await t.member(a, 'agent');
  await t.member(b, 'customer');
  await seedThroughTheApi(b);
  tenantTables = (
    await t.owner<{ table: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as table
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')
        and exists (select 1 from pg_attribute at where at.attrelid = c.oid and at.attname = 'org_id' and not at.attisdropped)
      order by 1`
  ).map((r) => r.table);
});

const asA = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: a.orgId, userId: a.userId, role: 'owner' }, fn);

describe('tenant isolation in SQL, as the application role', () => {
  it('finds tenant tables to check, with rows of org B in each', async () => {
    expect(tenantTables).toContain('public.memberships');
    for (const table of tenantTables) {
      const [row] = await t.owner.unsafe(`select count(*)::int as n from ${table} where org_id = $1`, [b.orgId]);
      expect(row!.n, `${table} has rows of org B for the test to hide`).toBeGreaterThan(0);
    }
  });

  it("shows org A none of org B's rows in any tenant table", async () => {
    for (const table of tenantTables) {
      const visible = await asA((tx) => tx.unsafe(`select count(*)::int as n from ${table} where org_id <> $1`, [a.orgId]));
      expect(visible[0]!.n, table).toBe(0);
    }
    const orgs = await asA((tx) => tx`select id from organizations`);
    expect(orgs.map((o) => o.id)).toEqual([a.orgId]);
    const users = await asA((tx) => tx`select email from users order by email`);
    expect(users.map((u) => u.email)).not.toContain(b.email);
  });

  it('lets org A update no row of org B', async () => {
    for (const table of tenantTables) {
      const updated = await asA((tx) => tx.unsafe(`update ${table} set org_id = org_id where org_id = $1`, [b.orgId])).then(
        (rows) => ({ count: rows.count, code: undefined as string | undefined }),
        (e: { code?: string }) => ({ count: -1, code: e.code }),
      );
      // Append-only tables refuse every update outright; the rest must match no row of org B.
      if (updated.code !== undefined) expect(updated.code, table).toBe('42501');
      else expect(updated.count, table).toBe(0);
    }
    const renamed = await asA((tx) => tx`update organizations set name = 'taken' where id = ${b.orgId}`);
    expect(renamed.count).toBe(0);
    const hijacked = await asA((tx) => tx`update users set name = 'taken' where id = ${b.userId}`);
    expect(hijacked.count).toBe(0);
  });

  it('lets org A insert no row into org B', async () => {
    for (const table of tenantTables) {
      const [sample] = await t.owner.unsafe(`select row_to_json(x) as r from ${table} x where org_id = $1 limit 1`, [b.orgId]);
      const err = await asA((tx) => tx.unsafe(`insert into ${table} select * from json_populate_record(null::${table}, $1::json)`, [sample!.r as never])).catch((e: { code?: string }) => e);
      expect((err as { code?: string }).code, `${table}: insert into org B must be refused`).toBe('42501');
    }
    const err = await asA((tx) => tx`insert into memberships (org_id, user_id, role) values (${b.orgId}, ${a.userId}, 'owner')`).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('42501');
  });

  it('shows nothing at all without a tenant context', async () => {
    const rows = await withTenant(
      t.deps.unscoped,
      { orgId: null, userId: null, role: null },
      (tx) => tx`select (select count(*)::int from organizations) as o, (select count(*)::int from memberships) as m, (select count(*)::int from users) as u`,
    );
    expect(rows[0]).toEqual({ o: 0, m: 0, u: 0 });
  });

  it('does not carry a tenant into the next transaction on a pooled connection', async () => {
    await asA((tx) => tx`select 1`);
    const [row] = await t.deps.unscoped`select current_setting('app.org_id', true) as org`;
    expect(row!.org ?? '').toBe('');
  });

  it('never lets the application role read password hashes', async () => {
    const err = await asA((tx) => tx`select password_hash from users`).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('42501');
  });
});

/** Fills every tenant table with rows of the org the way users do: sign-in, keys, invitations, resets. */
async function seedThroughTheApi(owner: Member): Promise<void> {
  const [org] = await t.owner<{ slug: string }[]>`select slug from organizations where id = ${owner.orgId}`;
  const login = await t.request('/api/v1/auth/login', { method: 'POST', body: { org: org!.slug, email: owner.email, password: TEST_PASSWORD } });
  expect(login.status).toBe(200);
  const steps = [
    t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'seed', permissions: ['org.read'] } }),
    t.request('/api/v1/invitations', { method: 'POST', as: owner, body: { email: 'invitee@seed.test', role: 'agent' } }),
    t.request('/api/v1/auth/password/forgot', { method: 'POST', body: { org: org!.slug, email: owner.email } }),
  ];
  for (const res of await Promise.all(steps)) expect(res.status, await res.clone().text()).toBeLessThan(300);
  const ticket = await t.request('/api/v1/tickets', {
    method: 'POST',
    as: owner,
    body: { subject: 'seed', body: 'seed', requester: { email: 'req@seed.test' } },
    headers: { 'idempotency-key': 'seed' },
  });
  expect(ticket.status).toBe(201);
  const second = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'seed 2', body: 'seed', tags: ['seed'] } });
  expect(second.status).toBe(201);
  expect((await t.request('/api/v1/tickets/1/messages', { method: 'POST', as: owner, body: { body: 'note', internal: true } })).status).toBe(201);
  const file = new FormData();
  file.append('file', new Blob(['seed notes'], { type: 'text/plain' }), 'seed.txt');
  expect((await t.app.request('/api/v1/tickets/1/attachments', { method: 'POST', headers: { authorization: owner.auth }, body: file })).status).toBe(201);
  await seedWithoutEndpointsYet(owner);
  await seedSla(owner);
}

/** SLA rows: a calendar and policy, a ticket whose first response breaches (targets, events, a notification), a status change. */
async function seedSla(owner: Member): Promise<void> {
  const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Seed hours', time_zone: 'Europe/Berlin', always_open: true } });
  expect(cal.status, await cal.clone().text()).toBe(201);
  const calendarId = ((await cal.json()) as { id: string }).id;
  const policy = await t.request('/api/v1/sla/policies', {
    method: 'POST',
    as: owner,
    body: { name: 'Seed SLA', calendar_id: calendarId, targets: { normal: { first_response: { minutes: 1, business_hours: false } } } },
  });
  expect(policy.status, await policy.clone().text()).toBe(201);
  const ticket = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'seed sla', body: 'seed', assignee_id: owner.userId } });
  const { number } = (await ticket.json()) as { number: number };
  await t.owner`update tickets set created_at = now() - interval '5 minutes' where org_id = ${owner.orgId} and number = ${number}`;
  const opened = await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { status: 'open' } });
  expect(opened.status, await opened.clone().text()).toBe(200);
}

/** Teams, custom fields, links, followers and saved views, through their endpoints too. */
async function seedWithoutEndpointsYet(owner: Member): Promise<void> {
  const team = await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: 'Seed team' } });
  expect(team.status, await team.clone().text()).toBe(201);
  const teamId = ((await team.json()) as { id: string }).id;
  const steps = [
    t.request(`/api/v1/teams/${teamId}/members`, { method: 'PUT', as: owner, body: { user_ids: [owner.userId] } }),
    t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'seed', label: 'Seed', type: 'text' } }),
    t.request('/api/v1/tickets/1/links', { method: 'POST', as: owner, body: { number: 2 } }),
    t.request('/api/v1/tickets/1/followers', { method: 'POST', as: owner, body: {} }),
    t.request('/api/v1/views', { method: 'POST', as: owner, body: { name: 'Seed view', filters: { status: 'unsolved' } } }),
    t.request('/api/v1/mail/templates', { method: 'POST', as: owner, body: { key: 'ticket_reply', subject: 'Re: {{ticket.subject}}', body_text: '{{message.body}}' } }),
  ];
  for (const res of await Promise.all(steps)) expect(res.status, await res.clone().text()).toBeLessThan(300);
  const macro = await t.request('/api/v1/macros', { method: 'POST', as: owner, body: { name: 'Seed macro', body: 'Hello {{requester.name}}', shared: true } });
  expect(macro.status, await macro.clone().text()).toBe(201);
  await seedMail(owner);
}

/** A mailbox, a Message-ID we sent and a mail we received: what the mail poller would write. */
async function seedMail(owner: Member): Promise<void> {
  const [box] = await t.owner<{ id: string }[]>`
    insert into mailboxes (org_id, name, from_address, inbound_token_hash)
    values (${owner.orgId}, 'Seed mailbox', 'help@seed.test', ${Buffer.alloc(32, 7)}) returning id`;
  await t.owner`
    insert into mail_message_ids (org_id, message_id, ticket_number, direction, mailbox_id)
    values (${owner.orgId}, 'seed-out@seed.test', 1, 'out', ${box!.id})`;
  await t.owner`
    insert into mail_inbound (org_id, mailbox_id, source, message_id, size, raw_gz, outcome, ticket_number)
    values (${owner.orgId}, ${box!.id}, 'endpoint', 'seed-in@seed.test', 3, ${Buffer.from('raw')}, 'reply', 1)`;
}
