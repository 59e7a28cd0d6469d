/**
 * graphile-worker crontab (https://worker.graphile.org/docs/cron). `jobKey` makes a slow run
 * replace, not pile up behind, the next one; `max=1` means no retries for a beat.
 */
export const CRONTAB = `
* * * * * heartbeat ?jobKey=heartbeat&max=1
* * * * * mail-poll-due ?jobKey=mail-poll-due&max=1
17 * * * * prune-auth ?jobKey=prune-auth&max=3
*/5 * * * * mail-send-sweep ?jobKey=mail-send-sweep&max=3
41 * * * * ticket-autoclose-sweep ?jobKey=ticket-autoclose-sweep&max=3
*/5 * * * * sla-sweep ?jobKey=sla-sweep&max=3
`;
