import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { readForm } from '#lib/http/form-body.ts';
import { HttpError } from '#lib/http/errors.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { notifyLive } from '#lib/live/notify.ts';
import { leavePresence, touchPresence } from '#lib/live/presence.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

const Form = v.object({ state: v.picklist(['viewing', 'replying', 'gone'], mustBeAny(['viewing', 'replying', 'gone'])) });

/**
 * POST /app/tickets/:number/presence — `state=viewing|replying|gone`, sent by the ticket page
 * (beats, typing, leaving); 204. Others on the ticket hear of it (a live `presence` event) only
 * when what they see changes.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, caller: me, params }) {
    const form = await readForm(c, Form);
    if (!form.ok) throw new HttpError(400, 'validation_failed', t('error.presence_state_invalid', { problem: form.errors.state ?? t('validation.form.not_valid') }));
    await findTicket(db, params.number);
    const { kv } = c.var.deps;
    const changed =
      form.value.state === 'gone'
        ? await leavePresence(kv, me.orgId, params.number, me.userId)
        : await touchPresence(kv, me.orgId, params.number, { userId: me.userId, name: (await layoutUser(db, me)).name }, form.value.state);
    if (changed) await notifyLive(db, me.orgId, 'presence', params.number);
    return c.body(null, 204);
  },
});
