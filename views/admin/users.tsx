import { roleLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { PendingInvitation } from '#lib/invitations/pending.ts';
import type { MemberRow } from '#lib/members/membership.ts';
import { ROLES } from '#lib/db/tenant.ts';
import { MemberCompany } from './member-company.tsx';
import { EMPTY_FORM, Outcome, SelectField, Submit, TextField, When } from './form.tsx';
import { TableScroll } from '#views/table-scroll.tsx';
import type { UsersState } from '#lib/pages/member-row-change.ts';

export interface UsersData {
  members: MemberRow[];
  invitations: PendingInvitation[];
  selfId: string;
  /** Owners may grant and change the owner role; admins may not. */
  canManageOwners: boolean;
}

function roleOptions(canManageOwners: boolean): [string, string][] {
  return ROLES.filter((r) => r !== 'owner' || canManageOwners).map((r) => [r, roleLabel(r)]);
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The Users page's body: members with their role and access, pending invitations, and the invite form. */
export function UsersBody(props: { data: UsersData; state?: UsersState }) {
  const { data } = props;
  const state = props.state ?? {};
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('admin.users.invite_heading')}</h2>
        <form class="inline-form" method="post" action="/app/admin/users/invite" hx-post="/app/admin/users/invite" {...SWAP}>
          <TextField form="invite" label={t('admin.users.email')} name="email" type="email" autocomplete="off" required state={state.invite ?? EMPTY_FORM} />
          <SelectField form="invite" label={t('admin.users.role')} name="role" options={roleOptions(data.canManageOwners)} selected="agent" state={state.invite ?? EMPTY_FORM} />
          <Submit>{t('admin.users.send_invitation')}</Submit>
        </form>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('admin.users.members_heading')}</h2>
        <TableScroll label={t('admin.users.members_table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.person')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.access')}</th>
                <th scope="col">{t('admin.users.company')}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <MemberRowView member={m} data={data} error={state.rowError?.userId === m.id ? state.rowError.message : undefined} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('admin.users.invitations_heading')}</h2>
        {data.invitations.length === 0 ? (
          <p class="muted">{t('admin.users.no_invitations')}</p>
        ) : (
          <TableScroll label={t('admin.users.invitations_table')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.email')}</th>
                  <th scope="col">{t('admin.users.role')}</th>
                  <th scope="col">{t('admin.users.expires')}</th>
                  <th scope="col">{t('admin.users.action')}</th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr>
                    <td>{i.email}</td>
                    <td>{roleLabel(i.role)}</td>
                    <td>
                      <When at={i.expires_at} />
                    </td>
                    <td>
                      <button type="button" class="secondary" hx-post={`/app/admin/users/invitations/${i.id}/revoke`} {...SWAP} aria-label={t('admin.users.withdraw_label', { email: i.email })}>
                        {t('admin.users.withdraw')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

function MemberRowView(props: { member: MemberRow; data: UsersData; error: string | undefined }) {
  const m = props.member;
  const self = m.id === props.data.selfId;
  const who = m.name ? `${m.name} (${m.email})` : m.email;
  const locked = self || (m.role === 'owner' && !props.data.canManageOwners);
  const errorId = `member-${m.id}-error`;
  return (
    <tr>
      <td>
        {m.name ? (
          <>
            {m.name}
            <br />
            <span class="muted small">{m.email}</span>
          </>
        ) : (
          m.email
        )}
        {self ? <strong> {t('admin.users.you')}</strong> : null}
        {props.error ? (
          <div class="field-error" id={errorId} role="alert">
            {props.error}
          </div>
        ) : null}
      </td>
      <td>
        {locked ? (
          roleLabel(m.role)
        ) : (
          <form class="row-form" hx-post={`/app/admin/users/${m.id}/role`} {...SWAP}>
            <label class="sr-only" for={`role-${m.id}`}>
              {t('admin.users.role_of', { who })}
            </label>
            <select id={`role-${m.id}`} name="role" aria-describedby={props.error ? errorId : undefined}>
              {roleOptions(props.data.canManageOwners).map(([value, label]) => (
                <option value={value} selected={value === m.role}>
                  {label}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary" aria-label={t('admin.users.save_role', { who })}>
              {t('common.save')}
            </button>
          </form>
        )}
      </td>
      <td>
        {m.disabled_at ? <span class="badge badge-off">{t('admin.users.disabled')}</span> : <span class="badge badge-ok">{t('admin.users.active')}</span>}{' '}
        {m.confirmed ? null : (
          <span class="badge" title={t('admin.users.not_joined_hint')}>
            {t('admin.users.not_joined')}
          </span>
        )}{' '}
        {locked ? null : (
          <button
            type="button"
            class="secondary"
            hx-post={`/app/admin/users/${m.id}/${m.disabled_at ? 'enable' : 'disable'}`}
            hx-confirm={m.disabled_at ? undefined : t('admin.users.disable_confirm', { who })}
            {...SWAP}
            aria-label={m.disabled_at ? t('admin.users.enable_label', { who }) : t('admin.users.disable_label', { who })}
          >
            {m.disabled_at ? t('admin.users.enable') : t('admin.users.disable')}
          </button>
        )}
      </td>
      <td>
        <MemberCompany member={m} who={who} errorId={props.error ? errorId : undefined} />
      </td>
    </tr>
  );
}
