-- A tag filter as an index lookup under RLS. `tags @> array['vip']` cannot use the GIN index on
-- tickets.tags for an RLS-bound role: array containment is not a leakproof operator, so the
-- planner must apply it after the tenant policy, row by row over the org's tickets (180-300 ms
-- per queue page in an org of 100,000, test/bench/RESULTS.md). This table holds each ticket's
-- tags as rows, kept by a trigger, and a filter reads it by (org_id, tag) with text equality,
-- which is leakproof. tickets.tags stays the ticket's own list (API, history, SLA conditions).

create table ticket_tags (
  org_id uuid not null,
  tag text not null,
  ticket_number bigint not null,
  primary key (org_id, tag, ticket_number),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade
);
create index ticket_tags_ticket_idx on ticket_tags (org_id, ticket_number);

alter table ticket_tags enable row level security;
alter table ticket_tags force row level security;
-- Staff see the org's; a customer the tags of tickets they may see (the tickets policy decides).
create policy ticket_tags_staff on ticket_tags
  using (org_id = app.current_org() and app.current_member_role() <> 'customer')
  with check (org_id = app.current_org() and app.current_member_role() <> 'customer');
create policy ticket_tags_customer on ticket_tags for select
  using (org_id = app.current_org() and app.current_member_role() = 'customer'
         and exists (select 1 from tickets t where t.org_id = ticket_tags.org_id and t.number = ticket_tags.ticket_number));
grant select, insert, delete on ticket_tags to atum_runtime;

-- Only a changed list touches the table (every ticket update names no tags, most never change them).
create function app.tickets_sync_tags() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'UPDATE' then
      if new.tags is not distinct from old.tags then return null; end if;
      delete from public.ticket_tags tt
      where tt.org_id = new.org_id and tt.ticket_number = new.number and not (tt.tag = any(new.tags));
    end if;
    insert into public.ticket_tags (org_id, tag, ticket_number)
    select new.org_id, tag, new.number from unnest(new.tags) as tag
    on conflict do nothing;
    return null;
  end
  $$;
create trigger tickets_sync_tags after insert or update of tags on tickets
  for each row execute function app.tickets_sync_tags();

-- The tags already on tickets. The production owner is not a superuser and FORCE RLS binds it
-- too (with no org set, every policy hides every row), so the copy runs with FORCE lifted for
-- the table owner, inside this migration's transaction, and put back at once.
alter table tickets no force row level security;
alter table ticket_tags no force row level security;
insert into ticket_tags (org_id, tag, ticket_number)
select t.org_id, tag, t.number from tickets t, unnest(t.tags) as tag
on conflict do nothing;
alter table tickets force row level security;
alter table ticket_tags force row level security;
