import * as v from 'valibot';
import { idParams } from '#lib/http/schemas.ts';
import { markNotification } from '#lib/notifications.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** PATCH /api/v1/notifications/:id — `{read: true|false}`; someone else's notification is 404. */
export default endpoint({
  auth: 'signed-in',
  params: idParams,
  body: v.strictObject({ read: v.boolean() }),
  async handler({ db, params, body }) {
    return markNotification(db, params.id, body.read);
  },
});
