import * as v from 'valibot';
import { attempt } from '../../../../lib/admin/form-errors.ts';
import { pagePerson } from '../../../../lib/admin/page-caller.ts';
import { slaPageData } from '../../../../lib/admin/pages.ts';
import { audit } from '../../../../lib/audit.ts';
import { readFormFields } from '../../../../lib/http/form-body.ts';
import { CalendarInput, createCalendar } from '../../../../lib/sla/calendar-store.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { SlaBody } from '../../../../views/admin/sla.tsx';

/**
 * POST /app/admin/sla/calendars — a calendar from the form (ticked days with one from/to span,
 * or open around the clock), checked by POST /api/v1/sla/calendars's own schema.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  async handler({ c, db, caller: presented }) {
    const caller = pagePerson(presented);
    const values = await readFormFields(c);
    const alwaysOpen = values.always_open === 'on';
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => values[`day_${d}`] === 'on');
    const candidate = {
      name: values.name ?? '',
      time_zone: values.time_zone?.trim() ?? '',
      always_open: alwaysOpen,
      weekly: alwaysOpen ? undefined : days.map((weekday) => ({ weekday, start: values.start ?? '', end: values.end ?? '' })),
    };
    const again = async (status: number, extra: { errors?: Record<string, string>; notice?: string; error?: string | undefined }) =>
      c.html(<SlaBody {...await slaPageData(db)} form={{ errors: extra.errors ?? {}, values: extra.errors ? values : {} }} notice={extra.notice} error={extra.error} />, status as 200);
    const parsed = v.safeParse(CalendarInput, candidate);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.issues) {
        const path = v.getDotPath(issue) ?? '';
        const field = path.startsWith('weekly.') ? (path.endsWith('.start') ? 'start' : path.endsWith('.end') ? 'end' : 'weekly') : path || 'weekly';
        errors[field] ??= issue.message;
      }
      return again(400, { errors });
    }
    const done = await attempt(db, async (sp) => {
      const calendar = await createCalendar(sp, caller.orgId, parsed.output);
      await audit(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'sla_calendar.create', targetType: 'sla_calendar', targetId: calendar.id, details: { name: calendar.name } });
      return calendar;
    });
    if (!done.ok) return again(done.status, { errors: done.errors, error: done.message });
    return again(200, { notice: `Calendar “${done.value.name}” added.` });
  },
});
