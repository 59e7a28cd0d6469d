-- The agent dashboard's "today" numbers (tickets created and solved since midnight in the org's
-- time zone) as index-only range scans, never a count of the org's tickets. requester_id rides
-- along because the customer policy on tickets names it: without it the scan must visit the heap.
-- The created index also serves the queues' "newest/oldest created" sorts, which had none.
create index tickets_created_idx on tickets (org_id, created_at desc, number desc) include (requester_id);
create index tickets_solved_idx on tickets (org_id, solved_at) include (requester_id) where solved_at is not null;
