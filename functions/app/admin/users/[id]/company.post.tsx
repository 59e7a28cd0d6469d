import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { changeMemberRow } from '#lib/pages/member-row-change.ts';
import { usersPageData } from '#lib/pages/admin-page-data.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { UsersBody } from '#views/admin/users.tsx';

// An empty box clears the company; an unticked box is simply absent from the post.
const Form = v.object({
  company: v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(200, () => t('admin.users.company_too_long')),
    v.transform((s) => s || null),
  ),
  sees_company_tickets: v.optional(v.literal('on')),
});

function saved(m: { company: string | null; sees_company_tickets: boolean }): string {
  if (!m.sees_company_tickets) return t('admin.users.company_saved');
  return m.company ? t('admin.users.company_saved_sees', { company: m.company }) : t('admin.users.company_saved_sees_later');
}

/**
 * POST /app/admin/users/:id/company — a customer's company and whether they see its requests
 * (as PATCH /api/v1/users/:id `{company, sees_company_tickets}`); answers the page body.
 */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const roles = c.var.deps.rolePermissions;
    const form = await readForm(c, Form);
    if (!form.ok) {
      const rowError = { userId: params.id, message: Object.values(form.errors)[0] ?? t('admin.users.not_changed') };
      return c.html(<UsersBody data={await usersPageData(db, caller, roles)} state={{ rowError }} />, 400);
    }
    const change = { company: form.value.company, sees_company_tickets: form.value.sees_company_tickets === 'on' };
    const done = await changeMemberRow(db, caller, roles, params.id, change, saved);
    return c.html(<UsersBody data={done.data} state={done.state} />, done.status);
  },
});
