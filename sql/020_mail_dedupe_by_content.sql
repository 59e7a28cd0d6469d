-- A Message-ID alone does not identify a mail: senders reuse them (six pairs in 67 real test
-- messages, with other subjects and senders). Inbound mail is now deduplicated on the
-- Message-ID AND a SHA-256 of its content (lib/mail/inbound/raw-mail.ts: the author's header
-- fields and the body, not the trace fields each delivery adds), and only against mail that
-- was filed: a quarantined copy never blocks a good one. Every mail received keeps its row,
-- duplicates included (outcome 'duplicate', with the ticket of the mail it repeats).

alter table mail_inbound drop constraint mail_inbound_org_id_message_id_key;
-- Null for rows from before this migration: those match on the Message-ID alone, as they did.
alter table mail_inbound add column content_sha256 bytea
  constraint mail_inbound_content_sha256_length check (length(content_sha256) = 32);
alter table mail_inbound drop constraint mail_inbound_outcome;
alter table mail_inbound add constraint mail_inbound_outcome
  check (outcome in ('ticket', 'reply', 'follow_up', 'bounce', 'quarantined', 'duplicate'));
-- Exactly once: one filed row per Message-ID and content (filing also serialises on the
-- Message-ID with an advisory lock; this is the guarantee behind it).
create unique index mail_inbound_filed_once on mail_inbound (org_id, message_id, content_sha256)
  where outcome in ('ticket', 'reply', 'follow_up', 'bounce');
create index mail_inbound_message_id_idx on mail_inbound (org_id, message_id);

-- Two different inbound mails carried this Message-ID onto different tickets, so it no longer
-- names one thread: a reply that cites it threads only onto a ticket of the sender's own
-- (requester or follower), never onto another sender's (lib/mail/inbound/thread.ts).
alter table mail_message_ids add column reused boolean not null default false;
