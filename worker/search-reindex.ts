import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import { reindexOrgSearch } from '#lib/tickets/search-language.ts';
import type { WorkerDeps } from './deps.ts';

const Payload = v.object({ org_id: v.pipe(v.string(), v.uuid()) });

/**
 * After an org's search language changed (enqueued through app.enqueue_job with job key
 * `search-reindex:<org>`): rewrites every ticket's search words in the new language, in batches.
 */
export function searchReindex(deps: WorkerDeps): Task {
  return async function searchReindexTask(payload, helpers) {
    const input = v.parse(Payload, payload);
    const n = await reindexOrgSearch(deps.sql, input.org_id);
    helpers.logger.info(`search-reindex: ${n} ticket(s) in org ${input.org_id}`);
  };
}
