import { PERMISSIONS, type Permission } from '#lib/auth/permissions.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { roleLabel } from '#lib/i18n/labels.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { TableScroll } from '#views/table-scroll.tsx';

/** What each permission lets a person do, in words; its code is shown beside it. */
const MEANING: Record<Permission, MessageKey> = {
  'org.read': 'admin.roles.perm.org_read',
  'tickets.read_own': 'admin.roles.perm.tickets_read_own',
  'tickets.read_all': 'admin.roles.perm.tickets_read_all',
  'tickets.write': 'admin.roles.perm.tickets_write',
  'tickets.create': 'admin.roles.perm.tickets_create',
  'tickets.reply': 'admin.roles.perm.tickets_reply',
  'users.read': 'admin.roles.perm.users_read',
  'users.manage': 'admin.roles.perm.users_manage',
  'settings.manage': 'admin.roles.perm.settings_manage',
  'audit.read': 'admin.roles.perm.audit_read',
  'reports.read': 'admin.roles.perm.reports_read',
  'kb.write': 'admin.roles.perm.kb_write',
  'api_keys.manage': 'admin.roles.perm.api_keys_manage',
  'org.manage_owners': 'admin.roles.perm.org_manage_owners',
  'sla.manage': 'admin.roles.perm.sla_manage',
};

/** The fixed roles against what each may do (sql/003_permissions.sql); roles change per member on Users. */
export function RolesTable(props: { grants: ReadonlyMap<Role, ReadonlySet<Permission>> }) {
  return (
    <div id="admin-body">
      <p class="muted">{tRich('admin.roles.intro', { link: (chunks) => <a href="/app/admin/users">{chunks}</a> })}</p>
      <TableScroll label={t('admin.roles.table_label')}>
        <table>
          <caption class="muted small">{t('admin.roles.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.roles.permission_heading')}</th>
              {ROLES.map((r) => (
                <th scope="col">{roleLabel(r)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERMISSIONS.map((p) => (
              <tr>
                <th scope="row">
                  {t(MEANING[p])} <code class="small muted">{p}</code>
                </th>
                {ROLES.map((r) => (
                  <td>
                    {props.grants.get(r)?.has(p) ? (
                      <span role="img" aria-label={t('admin.roles.granted')}>
                        ✓
                      </span>
                    ) : (
                      <span class="muted" role="img" aria-label={t('admin.roles.not_granted')}>
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
