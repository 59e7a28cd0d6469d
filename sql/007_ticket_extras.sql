-- Ticket extras: what the per-ticket history and merging need beyond 006.

-- A ticket's history is its rows of the audit log (GET /api/v1/tickets/:number/history); without
-- this index every look at one ticket's history reads the org's whole log.
create index audit_log_target_idx on audit_log (org_id, target_type, target_id, seq);

-- Merging moves the merged ticket's files along with its messages (lib/tickets/merge.ts), so a
-- file never belongs to one ticket while its message sits on another.
grant update (ticket_number) on attachments to atum_runtime;
