import { t } from '#lib/i18n/translate.ts';
import type { MemberRow } from '#lib/members/membership.ts';

/**
 * A member's company on the admin Users page. For a customer, a form: the company's name and
 * whether they may read their company's requests in the portal (PATCH /api/v1/users/:id
 * `{company, sees_company_tickets}`). Staff show theirs as text: they see every ticket anyway.
 */
export function MemberCompany(props: { member: MemberRow; who: string; errorId: string | undefined }) {
  const m = props.member;
  if (m.role !== 'customer') return <>{m.company ?? <span class="muted">—</span>}</>;
  return (
    <form class="company-form" hx-post={`/app/admin/users/${m.id}/company`} hx-target="#admin-body" hx-swap="outerHTML">
      <label class="sr-only" for={`company-${m.id}`}>
        {t('admin.users.company_of', { who: props.who })}
      </label>
      <input type="text" id={`company-${m.id}`} name="company" value={m.company ?? ''} maxlength={200} autocomplete="off" placeholder={t('admin.users.company')} aria-describedby={props.errorId} />
      <label class="check" for={`sees-company-${m.id}`}>
        <input type="checkbox" id={`sees-company-${m.id}`} name="sees_company_tickets" value="on" checked={m.sees_company_tickets} /> {t('admin.users.sees_company')}
      </label>
      <button type="submit" class="secondary" aria-label={t('admin.users.save_company', { who: props.who })}>
        {t('common.save')}
      </button>
    </form>
  );
}
