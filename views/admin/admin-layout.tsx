import type { Child } from 'hono/jsx';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';

export type AdminSection = 'overview' | 'users' | 'roles' | 'teams' | 'fields' | 'sla' | 'mailboxes' | 'api-keys' | 'settings' | 'audit';

export const ADMIN_SECTIONS: readonly { section: AdminSection; href: string; label: string; about: string }[] = [
  { section: 'users', href: '/app/admin/users', label: 'Users', about: 'Invite people, change roles, disable access.' },
  { section: 'roles', href: '/app/admin/roles', label: 'Roles', about: 'What each role may do.' },
  { section: 'teams', href: '/app/admin/teams', label: 'Teams', about: 'Groups of agents and their members.' },
  { section: 'fields', href: '/app/admin/fields', label: 'Custom fields', about: 'Extra ticket fields, and which customers see.' },
  { section: 'sla', href: '/app/admin/sla', label: 'SLA', about: 'Business calendars and SLA policies.' },
  { section: 'mailboxes', href: '/app/admin/mailboxes', label: 'Mailboxes', about: 'Email channels and whether they work.' },
  { section: 'api-keys', href: '/app/admin/api-keys', label: 'API keys', about: 'Keys for integrations.' },
  { section: 'settings', href: '/app/admin/settings', label: 'Settings', about: 'Search language, auto-close, 2FA and the IP allowlist.' },
  { section: 'audit', href: '/app/admin/audit', label: 'Audit log', about: 'Who did what, and whether the record is intact.' },
];

/** The shell of every admin page: the app's top bar, the admin sections, and the page's body. */
export function AdminLayout(props: { user: LayoutUser; section: AdminSection; title: string; children: Child }) {
  return (
    <Layout title={`${props.title} · Admin`} user={props.user} nav={<AppNav />}>
      <nav class="subnav" aria-label="Admin">
        {ADMIN_SECTIONS.map((s) => (
          <a href={s.href} aria-current={s.section === props.section ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
