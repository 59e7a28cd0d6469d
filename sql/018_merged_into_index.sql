-- The ticket page lists the tickets merged into the open one (lib/tickets/merged-from.ts). With
-- no index on merged_into that read every ticket of the org: about 30 ms of PostgreSQL per
-- ticket page in an org of 100,000 tickets (test/bench/RESULTS.md, agent pages). Few tickets
-- are ever merged, so the partial index is small.
create index tickets_merged_into_idx on tickets (org_id, merged_into) where merged_into is not null;
