import { PERMISSIONS, type Permission } from '#lib/auth/permissions.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { TableScroll } from '#views/table-scroll.tsx';

const MEANING: Partial<Record<Permission, string>> = {
  'org.read': 'See the organization',
  'tickets.read_own': 'Read their own tickets',
  'tickets.read_all': 'Read every ticket',
  'tickets.write': 'Change tickets',
  'tickets.create': 'Open tickets',
  'tickets.reply': 'Reply on tickets',
  'users.read': 'See members and teams',
  'users.manage': 'Invite, disable, change roles',
  'settings.manage': 'Change settings, teams, fields',
  'audit.read': 'Read the audit log',
  'reports.read': 'Read reports',
  'kb.write': 'Write knowledge base articles',
  'api_keys.manage': 'Create and revoke API keys',
  'org.manage_owners': 'Grant the owner role',
  'sla.manage': 'Change SLA calendars and policies',
};

/** The fixed roles against what each may do (sql/003_permissions.sql); roles change per member on Users. */
export function RolesTable(props: { grants: ReadonlyMap<Role, ReadonlySet<Permission>> }) {
  return (
    <div id="admin-body">
      <p class="muted">
        Roles are fixed. Give a person a role on the <a href="/app/admin/users">Users</a> page; API keys get a chosen subset of their creator's permissions.
      </p>
      <TableScroll label="Table of what each role may do">
        <table>
          <caption class="muted small">What each role may do</caption>
          <thead>
            <tr>
              <th scope="col">Permission</th>
              {ROLES.map((r) => (
                <th scope="col">{r}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERMISSIONS.map((p) => (
              <tr>
                <th scope="row">
                  {MEANING[p] ?? p} <code class="small muted">{p}</code>
                </th>
                {ROLES.map((r) => (
                  <td>
                    {props.grants.get(r)?.has(p) ? (
                      <span role="img" aria-label="yes">
                        ✓
                      </span>
                    ) : (
                      <span class="muted" role="img" aria-label="no">
                        –
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
