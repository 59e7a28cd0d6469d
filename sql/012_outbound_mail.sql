-- Outbound mail: the outbox (005) becomes a delivery pipeline with states, ticket notifications
-- are written here, in SQL, in the transaction of the event that causes them, and every outbox
-- row enqueues its own `mail-send` job. Per-org templates override the built-in ones
-- (lib/mail/templates/defaults.ts).
--
-- States of an outbox row:
--   queued   waiting for its job (next_attempt_at); a failed try comes back here with a later time
--   sending  a worker claimed it (attempt_id, sending_since) in its own committed transaction and
--            is talking SMTP now
--   sent     the SMTP server accepted it (smtp_response)
--   failed   every try failed (last_error), or the server refused the recipient for good
--   unknown  "possibly sent": it stayed `sending` longer than any SMTP conversation can last, so
--            the worker stopped between the server's acceptance and our confirmation, or before.
--            It is never re-sent automatically (that could send it twice); an admin resends it
--            (same Message-ID, so a mail client folds a duplicate) or leaves it.

alter table outbox
  alter column subject drop not null,
  alter column body_text drop not null,
  add column state text not null default 'queued'
    constraint outbox_state check (state in ('queued', 'sending', 'sent', 'failed', 'unknown')),
  add column recipient_user_id uuid,
  add column ticket_number bigint,
  -- The ticket message the mail carries (an agent's reply); null for acknowledgements.
  add column ticket_message_id uuid,
  add column mailbox_id uuid,
  add column body_html text,
  -- RFC 3834: 'auto-replied' on acknowledgements, 'auto-generated' on notifications to staff.
  add column auto_submitted text constraint outbox_auto_submitted check (auto_submitted in ('auto-replied', 'auto-generated')),
  -- Ours, without angle brackets, fixed at the first try so that every retry (and a resend)
  -- carries the same one.
  add column message_id text,
  add column in_reply_to text,
  add column "references" text[] not null default '{}',
  add column next_attempt_at timestamptz not null default now(),
  add column attempt_id uuid,
  add column sending_since timestamptz,
  add column smtp_response text,
  add column failed_at timestamptz,
  -- Rows from 005 carry their text; ticket notifications are rendered from the template of
  -- their kind when they are first sent.
  add constraint outbox_content check (
    (subject is not null and body_text is not null)
    or kind in ('ticket_acknowledgement', 'ticket_reply', 'ticket_assignment')),
  add constraint outbox_ticket_fk foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade,
  add constraint outbox_mailbox_fk foreign key (org_id, mailbox_id) references mailboxes (org_id, id) on delete set null (mailbox_id);
update outbox set state = 'sent' where sent_at is not null;
drop index outbox_unsent_idx;
create index outbox_state_idx on outbox (org_id, state, created_at desc);
create index outbox_ticket_idx on outbox (org_id, ticket_number) where ticket_number is not null;
-- What the sweep looks for: queued rows whose job may be lost, and rows stuck in `sending`.
create index outbox_pending_idx on outbox (next_attempt_at) where state = 'queued';
create index outbox_sending_idx on outbox (sending_since) where state = 'sending';
grant update on outbox to atum_runtime;

create table mail_templates (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  key text not null constraint mail_templates_key check (key in ('ticket_acknowledgement', 'ticket_reply', 'ticket_assignment')),
  subject text not null constraint mail_templates_subject_length check (length(subject) between 1 and 500),
  body_text text not null constraint mail_templates_body_text_length check (length(body_text) between 1 and 100000),
  body_html text constraint mail_templates_body_html_length check (length(body_html) <= 200000),
  updated_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, key)
);
alter table mail_templates enable row level security;
alter table mail_templates force row level security;
create policy mail_templates_tenant on mail_templates using (org_id = app.current_org()) with check (org_id = app.current_org());
grant select, insert, update, delete on mail_templates to atum_runtime;

-- ---------------------------------------------------------------------------------------------
-- The job of each outbox row. Owned by the queue role (the app role has no rights on
-- graphile_worker); the job key is the row, so a retry or a resend replaces a waiting job
-- instead of adding a second one, and the org comes from the tenant context, never the caller.
create function app.enqueue_mail_send(p_outbox_id uuid, p_run_at timestamptz) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := nullif(pg_catalog.current_setting('app.org_id', true), '');
  begin
    if org is null then raise exception 'app.enqueue_mail_send: no tenant context' using errcode = '42501'; end if;
    perform graphile_worker.add_job('mail-send', pg_catalog.json_build_object('org_id', org, 'id', p_outbox_id),
      run_at => p_run_at, max_attempts => 10, job_key => 'mail-send:' || p_outbox_id || ':' || org, job_key_mode => 'replace');
  end
  $$;
alter function app.enqueue_mail_send(uuid, timestamptz) owner to atum_queue;
revoke all on function app.enqueue_mail_send(uuid, timestamptz) from public;
grant execute on function app.enqueue_mail_send(uuid, timestamptz) to atum_runtime;

-- A row becomes (again) queued: its job runs at next_attempt_at.
create function app.outbox_enqueue() returns trigger
  language plpgsql
  as $$
  begin
    perform app.enqueue_mail_send(new.id, new.next_attempt_at);
    return null;
  end
  $$;
create trigger outbox_enqueue after insert on outbox
  for each row when (new.state = 'queued') execute function app.outbox_enqueue();
create trigger outbox_requeue after update of state, next_attempt_at on outbox
  for each row when (new.state = 'queued') execute function app.outbox_enqueue();

-- The mailbox a ticket's customer mail goes out of: the one its latest inbound mail came in
-- through, else the org's oldest enabled mailbox. Null: the org has no mailbox, so a customer
-- could not reply, and no customer mail is written.
create function app.mail_ticket_mailbox(p_org uuid, p_number bigint) returns uuid
  language sql stable
  as $$
    select coalesce(
      (select x.mailbox_id from public.mail_message_ids x join public.mailboxes b on b.org_id = x.org_id and b.id = x.mailbox_id and b.enabled
       where x.org_id = p_org and x.ticket_number = p_number and x.direction = 'in' order by x.created_at desc limit 1),
      (select b.id from public.mailboxes b where b.org_id = p_org and b.enabled order by b.created_at, b.id limit 1))
  $$;

-- The customer address of a ticket, when mail may go there: a customer (staff filing for
-- themselves get no acknowledgement) whose address is not one of our own mailboxes (a loop).
create function app.mail_customer_address(p_org uuid, p_user uuid) returns text
  language sql stable
  as $$
    select u.email from public.users u join public.memberships m on m.user_id = u.id and m.org_id = p_org
    where u.id = p_user and m.role = 'customer' and m.disabled_at is null
      and not exists (select 1 from public.mailboxes b where b.org_id = p_org and lower(b.from_address) = lower(u.email))
  $$;

-- The acknowledgement of a new ticket, to its customer. At commit, so that the inbound mail's
-- row in mail_message_ids (written after the ticket) is there to say it was automatic mail
-- (auto-reply, list, bounce, our own): such mail is never acknowledged.
create function app.mail_on_ticket_created() returns trigger
  language plpgsql
  as $$
  declare
    -- First the mailbox: an org without one (no way for the customer to answer) stops here.
    box uuid := app.mail_ticket_mailbox(new.org_id, new.number);
    addr text;
  begin
    if box is null then return null; end if;
    addr := app.mail_customer_address(new.org_id, new.requester_id);
    if addr is null or exists (
      select 1 from public.mail_message_ids x
      where x.org_id = new.org_id and x.ticket_number = new.number and x.direction = 'in' and x.suppress_autoreply) then
      return null;
    end if;
    insert into public.outbox (org_id, kind, to_address, recipient_user_id, ticket_number, mailbox_id, auto_submitted)
    values (new.org_id, 'ticket_acknowledgement', addr, new.requester_id, new.number, box, 'auto-replied');
    return null;
  end
  $$;
create constraint trigger tickets_mail_acknowledgement after insert on tickets
  deferrable initially deferred
  for each row execute function app.mail_on_ticket_created();

-- Each public reply by staff (or an API key) goes to the customer; internal notes never do,
-- nor the customer's own messages, nor the request that opened the ticket.
create function app.mail_on_message() returns trigger
  language plpgsql
  as $$
  declare
    t record;
    addr text;
    box uuid;
  begin
    if new.internal or exists (
      select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.author_id and m.role = 'customer') then
      return null;
    end if;
    if not exists (select 1 from public.messages m where m.org_id = new.org_id and m.ticket_number = new.ticket_number and m.id <> new.id) then
      return null;
    end if;
    select requester_id into t from public.tickets where org_id = new.org_id and number = new.ticket_number;
    if t.requester_id is not distinct from new.author_id then return null; end if;
    addr := app.mail_customer_address(new.org_id, t.requester_id);
    box := app.mail_ticket_mailbox(new.org_id, new.ticket_number);
    if addr is null or box is null then return null; end if;
    insert into public.outbox (org_id, kind, to_address, recipient_user_id, ticket_number, ticket_message_id, mailbox_id)
    values (new.org_id, 'ticket_reply', addr, t.requester_id, new.ticket_number, new.id, box);
    return null;
  end
  $$;
create trigger messages_mail_reply after insert on messages
  for each row when (not new.internal) execute function app.mail_on_message();

-- An agent learns of a ticket assigned to them, unless they assigned it to themselves.
create function app.mail_on_assignment() returns trigger
  language plpgsql
  as $$
  declare
    addr text;
  begin
    if new.assignee_id is not distinct from app.current_user_id() then return null; end if;
    select u.email into addr from public.users u join public.memberships m on m.user_id = u.id and m.org_id = new.org_id
    where u.id = new.assignee_id and m.disabled_at is null and m.role <> 'customer';
    if addr is null then return null; end if;
    insert into public.outbox (org_id, kind, to_address, recipient_user_id, ticket_number, mailbox_id, auto_submitted)
    values (new.org_id, 'ticket_assignment', addr, new.assignee_id, new.number,
            (select b.id from public.mailboxes b where b.org_id = new.org_id and b.enabled order by b.created_at, b.id limit 1),
            'auto-generated');
    return null;
  end
  $$;
create trigger tickets_mail_assignment_insert after insert on tickets
  for each row when (new.assignee_id is not null) execute function app.mail_on_assignment();
create trigger tickets_mail_assignment_update after update of assignee_id on tickets
  for each row when (new.assignee_id is not null and new.assignee_id is distinct from old.assignee_id)
  execute function app.mail_on_assignment();

-- The sweep's view across orgs: only which orgs have rows that need a look (a queued row well
-- past its time, whose job may have been lost, or one stuck in `sending`), nothing of the rows.
do $$ begin
  execute format('create policy outbox_owner_definer on outbox for select to %I using (true)', current_user);
end $$;
create function app.mail_outbox_attention(p_stuck_after interval) returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select distinct o.org_id from public.outbox o
    where (o.state = 'queued' and o.next_attempt_at < pg_catalog.now() - interval '5 minutes')
       or (o.state = 'sending' and o.sending_since < pg_catalog.now() - p_stuck_after)
  $$;
revoke all on function app.mail_outbox_attention(interval) from public;
grant execute on function app.mail_outbox_attention(interval) to atum_runtime;
