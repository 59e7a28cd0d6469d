-- The worker's cron task writes here every minute; health and `atum doctor` read it to tell a
-- live worker from a dead one. One row: the newest beat from any worker process.
create table app.worker_heartbeat (
  id boolean primary key default true constraint worker_heartbeat_single_row check (id),
  worker text not null,
  beat_at timestamptz not null
);
grant select, insert, update on app.worker_heartbeat to atum_runtime;
