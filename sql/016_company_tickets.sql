-- Company sharing: a customer whose membership allows it reads (never writes) the tickets of the
-- other customers of their company. `memberships.company` (sql/010_sla.sql) names the company;
-- companies match without regard to case, as SLA conditions match them (lib/sla/match.ts).
--
-- What a colleague may do with a shared ticket is what a reader may: see it, its public messages
-- and their files. Replying, uploading and changing it stay with its requester (and staff), so
-- the customer policies are split per command: reads follow the company, writes do not.

alter table memberships add column sees_company_tickets boolean not null default false;

-- The colleagues' lookup below, by company within the org.
create index memberships_company_idx on memberships (org_id, lower(company)) where company is not null;

-- The requesters whose tickets the current customer reads through their company: the customer
-- members of the org with the same company, when the caller's own membership is a customer's
-- with a company and sharing allowed; otherwise none. Staff who carry a company (for SLA
-- conditions) are never among them: sharing is between customers. SECURITY DEFINER so the rule
-- does not depend on what a customer may read of memberships; it reads only the current org.
create function app.company_requester_ids() returns uuid[]
  language sql stable security definer set search_path = ''
  as $$
    select coalesce(array_agg(c.user_id), '{}')
    from public.memberships me
    join public.memberships c on c.org_id = me.org_id and lower(c.company) = lower(me.company) and c.role = 'customer'
    where me.org_id = app.current_org() and me.user_id = app.current_user_id()
      and me.role = 'customer' and me.sees_company_tickets and me.company is not null and me.disabled_at is null
  $$;
revoke all on function app.company_requester_ids() from public;
grant execute on function app.company_requester_ids() to atum_runtime;

-- Tickets. The lookup sits in a scalar subquery so it runs once per statement (an InitPlan), not
-- once per row (the cast keeps `any` from reading it as a set of rows), and `requester_id = any(...)`
-- can use tickets_requester_idx.
drop policy tickets_customer on tickets;
create policy tickets_customer_read on tickets for select
  using (org_id = app.current_org() and app.current_member_role() = 'customer'
         and (requester_id = app.current_user_id() or requester_id = any ((select app.company_requester_ids())::uuid[])));
-- A customer opens and updates (replies touch the ticket, marking solved) only their own.
create policy tickets_customer_insert on tickets for insert
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and requester_id = app.current_user_id());
create policy tickets_customer_update on tickets for update
  using (org_id = app.current_org() and app.current_member_role() = 'customer' and requester_id = app.current_user_id())
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and requester_id = app.current_user_id());
-- No delete policy for customers: they never delete a ticket.

-- Messages: never an internal note; read on every ticket the customer sees (the tickets policy
-- decides which), written only on their own. The customer policy no longer covers UPDATE: moving
-- messages is a merge, which is staff work.
drop policy messages_customer on messages;
create policy messages_customer_read on messages for select
  using (org_id = app.current_org() and app.current_member_role() = 'customer' and not internal
         and exists (select 1 from tickets t where t.org_id = messages.org_id and t.number = messages.ticket_number));
create policy messages_customer_insert on messages for insert
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and not internal
         and author_id = app.current_user_id()
         and exists (select 1 from tickets t where t.org_id = messages.org_id and t.number = messages.ticket_number
                     and t.requester_id = app.current_user_id()));

-- Attachments: as messages; a file of an internal note stays hidden because its message does.
drop policy attachments_customer on attachments;
create policy attachments_customer_read on attachments for select
  using (org_id = app.current_org() and app.current_member_role() = 'customer'
         and exists (select 1 from tickets t where t.org_id = attachments.org_id and t.number = attachments.ticket_number)
         and (message_id is null or exists (select 1 from messages m where m.org_id = attachments.org_id and m.id = attachments.message_id)));
create policy attachments_customer_insert on attachments for insert
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and uploaded_by = app.current_user_id()
         and exists (select 1 from tickets t where t.org_id = attachments.org_id and t.number = attachments.ticket_number
                     and t.requester_id = app.current_user_id()));

-- The audit log records company changes beside role and access changes (as in 006).
create or replace function app.memberships_audit() returns trigger
  language plpgsql
  as $$
  declare
    changes jsonb;
  begin
    if tg_op = 'INSERT' then
      perform app.audit_row(new.org_id, 'member.add', 'user', new.user_id::text, jsonb_build_object('role', new.role));
    elsif tg_op = 'DELETE' then
      perform app.audit_row(old.org_id, 'member.remove', 'user', old.user_id::text, jsonb_build_object('role', old.role));
    else
      if new.role is distinct from old.role then
        perform app.audit_row(new.org_id, 'member.role_change', 'user', new.user_id::text, jsonb_build_object('from', old.role, 'to', new.role));
      end if;
      if (new.disabled_at is null) <> (old.disabled_at is null) then
        perform app.audit_row(new.org_id, case when new.disabled_at is null then 'member.enable' else 'member.disable' end, 'user', new.user_id::text, '{}');
      end if;
      changes := app.jsonb_changes(to_jsonb(old), to_jsonb(new), array['company', 'sees_company_tickets']);
      if changes <> '{}' then
        perform app.audit_row(new.org_id, 'member.company_change', 'user', new.user_id::text, jsonb_build_object('changes', changes));
      end if;
    end if;
    return null;
  end
  $$;
