import { HttpError } from '#lib/http/errors.ts';
import { liveEventStream } from '#lib/live/sse-stream.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * GET /app/events — the signed-in agent's stream of change events for their org (Server-Sent
 * Events; lib/live/events.ts lists the event names). Events carry no data: pages re-fetch.
 * Customers get none: an org-wide stream would tell them about other customers' tickets.
 */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, caller }) {
    if (caller.role === 'customer') throw new HttpError(403, 'forbidden', t('error.live_updates_staff'));
    return liveEventStream({ hub: c.var.deps.live, orgId: caller.orgId, lastEventId: c.req.header('last-event-id') });
  },
});
