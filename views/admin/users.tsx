import type { PendingInvitation } from '#lib/invitations/pending.ts';
import type { MemberRow } from '#lib/members/membership.ts';
import type { Role } from '#lib/db/tenant.ts';
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

const ROLE_LABELS: Record<Role, string> = { customer: 'Customer', agent: 'Agent', lead: 'Lead', admin: 'Admin', owner: 'Owner' };

function roleOptions(canManageOwners: boolean): [string, string][] {
  return (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== 'owner' || canManageOwners).map((r) => [r, ROLE_LABELS[r]]);
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
        <h2 id="invite-heading">Invite someone</h2>
        <form class="inline-form" method="post" action="/app/admin/users/invite" hx-post="/app/admin/users/invite" {...SWAP}>
          <TextField form="invite" label="Email" name="email" type="email" autocomplete="off" required state={state.invite ?? EMPTY_FORM} />
          <SelectField form="invite" label="Role" name="role" options={roleOptions(data.canManageOwners)} selected="agent" state={state.invite ?? EMPTY_FORM} />
          <Submit>Send invitation</Submit>
        </form>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <TableScroll label="Table of members">
          <table>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
                <th scope="col">Company</th>
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
        <h2 id="invitations-heading">Pending invitations</h2>
        {data.invitations.length === 0 ? (
          <p class="muted">No invitations are waiting. Invite someone above; they get a link by email that works for 7 days.</p>
        ) : (
          <TableScroll label="Table of pending invitations">
            <table>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr>
                    <td>{i.email}</td>
                    <td>{ROLE_LABELS[i.role]}</td>
                    <td>
                      <When at={i.expires_at} />
                    </td>
                    <td>
                      <button type="button" class="secondary" hx-post={`/app/admin/users/invitations/${i.id}/revoke`} {...SWAP} aria-label={`Withdraw the invitation to ${i.email}`}>
                        Withdraw
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
        {self ? <strong> (you)</strong> : null}
        {props.error ? (
          <div class="field-error" id={errorId} role="alert">
            {props.error}
          </div>
        ) : null}
      </td>
      <td>
        {locked ? (
          ROLE_LABELS[m.role]
        ) : (
          <form class="row-form" hx-post={`/app/admin/users/${m.id}/role`} {...SWAP}>
            <label class="sr-only" for={`role-${m.id}`}>{`Role of ${who}`}</label>
            <select id={`role-${m.id}`} name="role" aria-describedby={props.error ? errorId : undefined}>
              {roleOptions(props.data.canManageOwners).map(([value, label]) => (
                <option value={value} selected={value === m.role}>
                  {label}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary" aria-label={`Save the role of ${who}`}>
              Save
            </button>
          </form>
        )}
      </td>
      <td>
        {m.disabled_at ? <span class="badge badge-off">Disabled</span> : <span class="badge badge-ok">Active</span>}{' '}
        {m.confirmed ? null : (
          <span class="badge" title="Added by address as a ticket's requester: they cannot sign in here, and you see only the name given here, until they accept an invitation">
            Not joined
          </span>
        )}{' '}
        {locked ? null : (
          <button
            type="button"
            class="secondary"
            hx-post={`/app/admin/users/${m.id}/${m.disabled_at ? 'enable' : 'disable'}`}
            hx-confirm={m.disabled_at ? undefined : `Disable ${who}? They are signed out everywhere at once.`}
            {...SWAP}
            aria-label={`${m.disabled_at ? 'Enable' : 'Disable'} ${who}`}
          >
            {m.disabled_at ? 'Enable' : 'Disable'}
          </button>
        )}
      </td>
      <td>
        <MemberCompany member={m} who={who} errorId={props.error ? errorId : undefined} />
      </td>
    </tr>
  );
}
