-- Accounts across organizations (issue 14).
--
-- An account (users) is global: one email, one password, one name of the person's choosing. Until
-- now, an agent of org A who opened a ticket "from" an address with an account in org B made that
-- account a customer of A there and then: A's staff saw the account's own profile, and its B
-- password signed in to A, though nobody had asked the person.
--
-- Now a membership has its own profile and a confirmation:
--   memberships.name          the name this org gave the person (what A's agent typed);
--   memberships.email         the address this org typed, shown until the person confirms;
--   memberships.confirmed_at  when the person confirmed the membership themselves: they created
--                             the org, accepted an invitation, or were added by the operator.
-- Until then the org sees only the address it typed and its own name (the view `people`), the
-- users row stays hidden by RLS, and sign-in, password reset and MFA refuse (app.login_candidate).
-- Accepting an invitation confirms (app.accept_invitation), as a link sent to the address proves
-- the person holds it.

alter table memberships
  add column name text constraint memberships_name_length check (length(name) <= 200),
  add column email text constraint memberships_email_length check (length(email) <= 254),
  add column confirmed_at timestamptz default now();

-- Existing customer memberships of accounts that were already members of an earlier org were
-- made by the old silent path: they wait for the person's confirmation like new ones. The owner
-- running this obeys FORCE RLS (when not a superuser), so the policy is lifted for this update
-- inside this migration's transaction only.
-- Their sessions in that org end too, as sign-in there would now be refused.
alter table memberships no force row level security;
alter table sessions no force row level security;
with unconfirmed as (
  update memberships m set confirmed_at = null, email = (select u.email from users u where u.id = m.user_id)
  where m.role = 'customer'
    and exists (select 1 from memberships o where o.user_id = m.user_id and o.org_id <> m.org_id and o.created_at < m.created_at)
  returning m.org_id, m.user_id
)
update sessions s set revoked_at = now(), revoked_reason = 'membership_unconfirmed'
from unconfirmed u where s.org_id = u.org_id and s.user_id = u.user_id and s.revoked_at is null;
alter table sessions force row level security;
alter table memberships force row level security;

-- A person as the current org knows them: for a confirmed member, their account's address and
-- name; for one not yet confirmed, the address and name this org gave them. The view runs with
-- the caller's rights (security_invoker), so RLS decides what it shows: the account's row is
-- visible only once the membership is confirmed (users_visible below), and no function of the
-- caller's can see a row through the view that RLS would not show it directly.
create view people with (security_invoker = true) as
  select m.user_id as id,
         coalesce(u.email, m.email) as email,
         case when m.confirmed_at is not null then u.name else coalesce(m.name, '') end as name,
         m.confirmed_at is not null as confirmed
  from public.memberships m
  left join public.users u on u.id = m.user_id
  where m.org_id = (select app.current_org());
grant select on people to atum_runtime;

-- The org sees an account's own row only once the membership is confirmed (or it is the caller's own).
drop policy users_visible on users;
create policy users_visible on users for select
  using (id = (select app.current_user_id())
         or exists (select 1 from memberships m
                    where m.user_id = users.id and m.org_id = (select app.current_org()) and m.confirmed_at is not null));

-- A requester by address, as before, but an account of anyone else becomes a customer here
-- unconfirmed and under the name typed here; nothing of the account changes.
create or replace function app.ensure_requester(p_email text, p_name text) returns uuid
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    uid uuid;
    org uuid := app.current_org();
  begin
    if org is null then raise exception 'no tenant context' using errcode = '42501'; end if;
    select u.id into uid from public.users u where lower(u.email) = lower(p_email);
    if uid is null then
      insert into public.users (email, name) values (p_email, coalesce(p_name, '')) returning id into uid;
    end if;
    insert into public.memberships (org_id, user_id, role, name, email, confirmed_at)
    values (org, uid, 'customer', nullif(p_name, ''), p_email, null)
    on conflict do nothing;
    return uid;
  end
  $$;

-- Sign-in, reset and MFA only for a membership the person confirmed.
create or replace function app.login_candidate(p_email text)
  returns table (user_id uuid, role member_role, disabled boolean, password_hash text)
  language sql stable security definer set search_path = ''
  as $$
    select u.id, m.role, m.disabled_at is not null, u.password_hash
    from public.users u
    join public.memberships m on m.user_id = u.id and m.org_id = app.current_org()
    where lower(u.email) = lower(p_email) and m.confirmed_at is not null
  $$;

-- Accepting an invitation confirms a membership that staff made by address, with the role invited.
create or replace function app.accept_invitation(p_token_hash bytea, p_password_hash text, p_name text)
  returns table (status text, user_id uuid, email text, role member_role)
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    inv public.invitations;
    uid uuid;
    has_password boolean;
    confirmed timestamptz;
  begin
    select i.* into inv from public.invitations i
    where i.org_id = app.current_org() and i.token_hash = p_token_hash
      and i.accepted_at is null and i.revoked_at is null and i.expires_at > pg_catalog.now()
    for update;
    if not found then
      return query select 'invalid'::text, null::uuid, null::text, null::public.member_role;
      return;
    end if;
    select u.id, u.password_hash is not null into uid, has_password from public.users u where lower(u.email) = lower(inv.email);
    if not coalesce(has_password, false) and p_password_hash is null then
      return query select 'password_required'::text, null::uuid, inv.email, inv.role;
      return;
    end if;
    if uid is null then
      insert into public.users (email, name, password_hash) values (inv.email, coalesce(p_name, ''), p_password_hash)
      returning id into uid;
    elsif not has_password then
      -- An account made by address (a requester) that never had a password gets the one chosen here.
      update public.users set password_hash = p_password_hash, name = coalesce(nullif(p_name, ''), name), updated_at = pg_catalog.now()
      where id = uid;
    end if;
    select m.confirmed_at into confirmed from public.memberships m where m.org_id = inv.org_id and m.user_id = uid;
    if found and confirmed is not null then
      update public.invitations set accepted_at = pg_catalog.now() where org_id = inv.org_id and id = inv.id;
      return query select 'already_member'::text, uid, inv.email, inv.role;
      return;
    end if;
    insert into public.memberships (org_id, user_id, role, confirmed_at) values (inv.org_id, uid, inv.role, pg_catalog.now())
    on conflict on constraint memberships_pkey do update set role = excluded.role, confirmed_at = excluded.confirmed_at, updated_at = pg_catalog.now();
    update public.invitations set accepted_at = pg_catalog.now() where org_id = inv.org_id and id = inv.id;
    return query select 'accepted'::text, uid, inv.email, inv.role;
  end
  $$;

-- Mail to a ticket's customer goes to the address the org knows them by, confirmed or not
-- (the account row is hidden from the org until they are).
create or replace function app.mail_customer_address(p_org uuid, p_user uuid) returns text
  language sql stable
  as $$
    select p.email from public.people p join public.memberships m on m.user_id = p.id and m.org_id = p_org
    where p.id = p_user and m.role = 'customer' and m.disabled_at is null
      and not exists (select 1 from public.mailboxes b where b.org_id = p_org and lower(b.from_address) = lower(p.email))
  $$;
