-- Saved views: who reads and who writes them, by policy rather than by handler alone; and two
-- merge fixes (a merged ticket closes whatever its required fields hold, and the note left on
-- it gets its audit row like every other message).

-- The rule (README, "Saved views"), as an experienced Zendesk or Zammad user expects it:
--   personal view: only its owner reads, changes or deletes it (admins included: it is personal);
--   team view: the team's members read it, admins and owners read every team view;
--              leads who belong to the team, admins and owners create, change and delete it.
-- Customers and API keys (no person) have no views at all.
drop policy saved_views_visible on saved_views;

create function app.may_read_view(p_owner uuid, p_team uuid) returns boolean
  language sql stable
  as $$
    select app.current_member_role() is distinct from 'customer' and (
      p_owner = app.current_user_id()
      or (p_team is not null and (
            app.current_member_role() in ('admin', 'owner')
            or exists (select 1 from public.team_members tm
                       where tm.org_id = app.current_org() and tm.team_id = p_team and tm.user_id = app.current_user_id()))))
  $$;

create function app.may_write_view(p_owner uuid, p_team uuid) returns boolean
  language sql stable
  as $$
    select app.current_member_role() is distinct from 'customer' and (
      p_owner = app.current_user_id()
      or (p_team is not null and (
            app.current_member_role() in ('admin', 'owner')
            or (app.current_member_role() = 'lead' and exists (
                  select 1 from public.team_members tm
                  where tm.org_id = app.current_org() and tm.team_id = p_team and tm.user_id = app.current_user_id())))))
  $$;
grant execute on function app.may_read_view(uuid, uuid), app.may_write_view(uuid, uuid) to atum_runtime;

create policy saved_views_read on saved_views for select
  using (org_id = app.current_org() and app.may_read_view(owner_user_id, team_id));
create policy saved_views_insert on saved_views for insert
  with check (org_id = app.current_org() and app.may_write_view(owner_user_id, team_id));
-- An UPDATE needs both: a row one may write, turned into a row one may still write.
create policy saved_views_update on saved_views for update
  using (org_id = app.current_org() and app.may_write_view(owner_user_id, team_id))
  with check (org_id = app.current_org() and app.may_write_view(owner_user_id, team_id));
create policy saved_views_delete on saved_views for delete
  using (org_id = app.current_org() and app.may_write_view(owner_user_id, team_id));

-- Merging closes the merged ticket: its required custom fields belong to the ticket it now
-- points to, so they are not asked for on that close (the check is otherwise as in 006).
create or replace function app.tickets_before_write() returns trigger
  language plpgsql
  as $$
  declare
    missing text;
    lang regconfig;
  begin
    if tg_op = 'UPDATE' and new.status is distinct from old.status then
      if not exists (select 1 from public.ticket_status_transitions
                     where from_status = old.status and to_status = new.status) then
        raise exception 'a % ticket cannot become %', old.status, new.status
          using errcode = '23514', constraint = 'ticket_status_transition';
      end if;
    end if;
    if tg_op = 'INSERT' or new.status is distinct from old.status then
      new.solved_at := case when new.status in ('solved', 'closed') then coalesce(new.solved_at, now()) end;
      new.closed_at := case when new.status = 'closed' then now() end;
    end if;
    if new.merged_into is null
       and (tg_op = 'INSERT' or new.status is distinct from old.status or new.custom_fields is distinct from old.custom_fields) then
      select string_agg(f.key, ', ' order by f.position, f.key) into missing
      from public.custom_fields f
      where f.org_id = new.org_id and f.archived_at is null and f.required_from is not null
        and new.status >= f.required_from
        and coalesce(new.custom_fields -> f.key, 'null'::jsonb) in ('null'::jsonb, '""'::jsonb, '[]'::jsonb);
    end if;
    if missing is not null then
      raise exception 'custom fields % are required once a ticket is %', missing, new.status
        using errcode = '23514', constraint = 'ticket_required_custom_fields';
    end if;
    if tg_op = 'INSERT' then
      -- A create may bring the first message's words already (lib/tickets/create.ts), so that
      -- message need not update the ticket again.
      select search_language into lang from public.organizations where id = new.org_id;
      new.search := to_tsvector(coalesce(lang, 'simple'), new.subject) || new.search;
    elsif new.subject is distinct from old.subject then
      select search_language into lang from public.organizations where id = new.org_id;
      new.search := to_tsvector(coalesce(lang, 'simple'), new.subject) || coalesce((
        select to_tsvector(coalesce(lang, 'simple'), left(string_agg(m.body_text, ' '), 500000))
        from public.messages m where m.org_id = new.org_id and m.ticket_number = new.number), '');
    end if;
    return new;
  end
  $$;

-- A ticket's only message is its request (recorded by ticket.create), except on a merged
-- ticket: its messages moved away, and the merge note left behind is a message of its own.
create or replace function app.messages_audit() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      if not exists (select 1 from public.messages m where m.org_id = new.org_id and m.ticket_number = new.ticket_number and m.id <> new.id)
         and not exists (select 1 from public.tickets t where t.org_id = new.org_id and t.number = new.ticket_number and t.merged_into is not null) then
        return null;
      end if;
      perform app.audit_row(new.org_id, case when new.internal then 'ticket.note' else 'ticket.reply' end, 'ticket',
        new.ticket_number::text, jsonb_build_object('message_id', new.id, 'author_id', new.author_id, 'channel', new.channel));
    elsif new.ticket_number <> old.ticket_number then
      perform app.audit_row(new.org_id, 'message.move', 'ticket', new.ticket_number::text,
        jsonb_build_object('message_id', new.id, 'from', old.ticket_number));
    end if;
    return null;
  end
  $$;
