-- Email: mailboxes per org, the Message-IDs of every mail we sent or received (threading both
-- ways), and the inbound log (dedupe, raw MIME for the audit, quarantine).
--
-- Inbound (lib/mail/inbound) polls each mailbox's IMAP folder and files what arrives; outbound
-- (lib/mail/outbound) sends through its SMTP settings and records what it sent in
-- mail_message_ids, so a customer's reply finds its ticket by In-Reply-To / References.

create type mail_transport_security as enum ('tls', 'starttls', 'none');
create type mailbox_status as enum ('ok', 'failing');

create table mailboxes (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint mailboxes_name_length check (length(name) between 1 and 100),
  enabled boolean not null default true,
  -- IMAP: where inbound mail is fetched. No host: the mailbox only receives by the inbound endpoint.
  imap_host text constraint mailboxes_imap_host_length check (length(imap_host) between 1 and 255),
  imap_port integer not null default 993 constraint mailboxes_imap_port check (imap_port between 1 and 65535),
  imap_security mail_transport_security not null default 'tls',
  imap_user text constraint mailboxes_imap_user_length check (length(imap_user) <= 255),
  -- AES-256-GCM under the mail secret key (lib/mail/secret-key.ts), never returned by the API.
  imap_password_sealed text,
  imap_folder text not null default 'INBOX' constraint mailboxes_imap_folder_length check (length(imap_folder) between 1 and 255),
  -- SMTP: how outbound mail leaves.
  smtp_host text constraint mailboxes_smtp_host_length check (length(smtp_host) between 1 and 255),
  smtp_port integer not null default 587 constraint mailboxes_smtp_port check (smtp_port between 1 and 65535),
  smtp_security mail_transport_security not null default 'starttls',
  smtp_user text constraint mailboxes_smtp_user_length check (length(smtp_user) <= 255),
  smtp_password_sealed text,
  from_address text not null constraint mailboxes_from_address check (from_address ~ '^[^@\s<>]+@[^@\s<>]+$' and length(from_address) <= 254),
  from_name text not null default '' constraint mailboxes_from_name_length check (length(from_name) <= 200),
  signature text not null default '' constraint mailboxes_signature_length check (length(signature) <= 10000),
  -- How a ticket number appears in subjects, both ways: `{number}` is replaced by the number.
  subject_pattern text not null default '[#{number}]'
    constraint mailboxes_subject_pattern check (position('{number}' in subject_pattern) > 0 and length(subject_pattern) <= 50),
  -- SHA-256 of the token an MTA presents to POST /api/v1/mail/inbound (null: endpoint off). The
  -- token names its org in clear (lib/auth/opaque-token.ts), so the lookup runs under RLS.
  inbound_token_hash bytea unique,
  -- Poller health: a failure sets failing/last_error/failing_since and pushes next_try_at out
  -- exponentially (consecutive_failures); a success clears them.
  status mailbox_status not null default 'ok',
  last_error text,
  failing_since timestamptz,
  consecutive_failures integer not null default 0,
  next_try_at timestamptz not null default now(),
  last_polled_at timestamptz,
  -- IMAP progress: the folder's UIDVALIDITY and the highest UID filed under it.
  uidvalidity bigint,
  last_uid bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  constraint mailboxes_imap_complete check (imap_host is null or (imap_user is not null and imap_password_sealed is not null))
);
create unique index mailboxes_from_address_key on mailboxes (org_id, lower(from_address));
create index mailboxes_due_idx on mailboxes (next_try_at) where enabled and imap_host is not null;

-- Every Message-ID we sent ('out') or filed ('in'), per org: In-Reply-To/References of a new
-- mail are looked up here, and outbound takes In-Reply-To/References of a reply from here.
create table mail_message_ids (
  org_id uuid not null references organizations (id) on delete cascade,
  -- As in the header, without the angle brackets.
  message_id text not null constraint mail_message_ids_length check (length(message_id) between 1 and 998),
  -- Null for mail that belongs to no ticket (invitations, password resets).
  ticket_number bigint,
  ticket_message_id uuid,
  direction text not null constraint mail_message_ids_direction check (direction in ('in', 'out')),
  mailbox_id uuid,
  -- Inbound only: the mail was automatic (auto-reply, list, bounce, our own, over the sender's
  -- cap), so outbound must not acknowledge it; auto_reason says which rule said so.
  suppress_autoreply boolean not null default false,
  auto_reason text,
  -- Outbound only: a delivery status notification said this mail did not arrive.
  bounced_at timestamptz,
  bounce_status text,
  bounce_recipient text,
  bounce_diagnostic text,
  created_at timestamptz not null default now(),
  primary key (org_id, message_id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade,
  foreign key (org_id, ticket_message_id) references messages (org_id, id) on delete set null (ticket_message_id),
  foreign key (org_id, mailbox_id) references mailboxes (org_id, id) on delete set null (mailbox_id)
);
create index mail_message_ids_ticket_idx on mail_message_ids (org_id, ticket_number, created_at);
create index mail_message_ids_message_idx on mail_message_ids (org_id, ticket_message_id) where ticket_message_id is not null;

-- Every mail that reached us, once per Message-ID and org: what became of it, why, and the
-- raw MIME (gzip) for the audit. A quarantined mail is a row here with its reason.
create table mail_inbound (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  mailbox_id uuid,
  source text not null constraint mail_inbound_source check (source in ('imap', 'endpoint')),
  uidvalidity bigint,
  uid bigint,
  -- The Message-ID, or `sha256-<hex>@atum.invalid` of the raw bytes when the mail has none.
  message_id text not null constraint mail_inbound_message_id_length check (length(message_id) between 1 and 998),
  from_address text,
  subject text,
  size integer not null,
  raw_gz bytea not null,
  outcome text not null constraint mail_inbound_outcome check (outcome in ('ticket', 'reply', 'follow_up', 'bounce', 'quarantined')),
  reason text,
  ticket_number bigint,
  ticket_message_id uuid,
  suppress_autoreply boolean not null default false,
  auto_reason text,
  -- Attachments refused by the upload rules, as [{filename, reason}].
  refused_attachments jsonb not null default '[]',
  received_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, message_id),
  foreign key (org_id, mailbox_id) references mailboxes (org_id, id) on delete set null (mailbox_id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete set null (ticket_number)
);
create index mail_inbound_received_idx on mail_inbound (org_id, received_at desc);
create index mail_inbound_quarantine_idx on mail_inbound (org_id, received_at desc) where outcome = 'quarantined';

-- An inline image of an email keeps its Content-ID, so the message's `cid:` references can be
-- resolved to the stored file when the HTML is shown.
alter table attachments add column content_id text constraint attachments_content_id_length check (length(content_id) <= 998);

do $$
declare
  t text;
begin
  foreach t in array array['mailboxes', 'mail_message_ids', 'mail_inbound'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app.current_org()) with check (org_id = app.current_org())', t || '_tenant', t);
  end loop;
  -- The functions below run as the migration's role and read across orgs.
  execute format('create policy mailboxes_owner_definer on mailboxes for select to %I using (true)', current_user);
end
$$;

grant select, insert, update, delete on mailboxes to atum_runtime;
grant select, insert, update on mail_message_ids to atum_runtime;
grant select, insert on mail_inbound to atum_runtime;

-- The poller's cron job: mailboxes whose next try is due, in every org. Only ids: the poll
-- itself runs under the mailbox's own tenant context.
create function app.mail_due_mailboxes() returns table (org_id uuid, id uuid)
  language sql stable security definer set search_path = ''
  as $$
    select m.org_id, m.id from public.mailboxes m
    where m.enabled and m.imap_host is not null and m.next_try_at <= pg_catalog.now()
    order by m.next_try_at
  $$;
revoke all on function app.mail_due_mailboxes() from public;
grant execute on function app.mail_due_mailboxes() to atum_runtime;

-- Health and `atum doctor`: failing mailboxes of every org, without any tenant's data beyond
-- the mailbox's name and error.
create function app.mailbox_failures() returns table (org_id uuid, id uuid, name text, last_error text, failing_since timestamptz, next_try_at timestamptz)
  language sql stable security definer set search_path = ''
  as $$
    select m.org_id, m.id, m.name, m.last_error, m.failing_since, m.next_try_at from public.mailboxes m
    where m.enabled and m.status = 'failing' order by m.failing_since
  $$;
revoke all on function app.mailbox_failures() from public;
grant execute on function app.mailbox_failures() to atum_runtime;
