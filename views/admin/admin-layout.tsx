import type { Child } from 'hono/jsx';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';

export type AdminSection = 'overview' | 'users' | 'roles' | 'teams' | 'fields' | 'sla' | 'mailboxes' | 'api-keys' | 'settings' | 'audit';

/** The admin pages in menu order; the words are catalogue keys, read when a page is rendered. */
export const ADMIN_SECTIONS: readonly { section: AdminSection; href: string; label: MessageKey; about: MessageKey }[] = [
  { section: 'users', href: '/app/admin/users', label: 'admin.nav.users', about: 'admin.nav.users_about' },
  { section: 'roles', href: '/app/admin/roles', label: 'admin.nav.roles', about: 'admin.nav.roles_about' },
  { section: 'teams', href: '/app/admin/teams', label: 'admin.nav.teams', about: 'admin.nav.teams_about' },
  { section: 'fields', href: '/app/admin/fields', label: 'admin.nav.fields', about: 'admin.nav.fields_about' },
  { section: 'sla', href: '/app/admin/sla', label: 'admin.nav.sla', about: 'admin.nav.sla_about' },
  { section: 'mailboxes', href: '/app/admin/mailboxes', label: 'admin.nav.mailboxes', about: 'admin.nav.mailboxes_about' },
  { section: 'api-keys', href: '/app/admin/api-keys', label: 'admin.nav.api_keys', about: 'admin.nav.api_keys_about' },
  { section: 'settings', href: '/app/admin/settings', label: 'admin.nav.settings', about: 'admin.nav.settings_about' },
  { section: 'audit', href: '/app/admin/audit', label: 'admin.nav.audit', about: 'admin.nav.audit_about' },
];

/** The shell of every admin page: the app's top bar, the admin sections, and the page's body. */
export function AdminLayout(props: { user: LayoutUser; section: AdminSection; title: string; children: Child }) {
  return (
    <Layout title={t('admin.page_title', { title: props.title })} user={props.user} nav={<AppNav />}>
      <nav class="subnav" aria-label={t('admin.nav.label')}>
        {ADMIN_SECTIONS.map((s) => (
          <a href={s.href} aria-current={s.section === props.section ? 'page' : undefined}>
            {t(s.label)}
          </a>
        ))}
      </nav>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
