import * as v from 'valibot';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))),
    settings: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.check((b) => b.name !== undefined || b.settings !== undefined, 'send name or settings'),
);

/** PATCH /api/v1/org — rename the organization or merge keys into its settings. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ db, body }) {
    const [org] = await db`
      update organizations
         set name = coalesce(${body.name ?? null}, name),
             settings = settings || ${db.json((body.settings ?? {}) as Parameters<typeof db.json>[0])},
             updated_at = now()
       where id = app.current_org()
       returning id, slug, name, settings, created_at, updated_at`;
    return org;
  },
});
