import { t } from '#lib/i18n/translate.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { ADMIN_SECTIONS, AdminLayout } from './admin-layout.tsx';

/** GET /app/admin — where each admin page is, and what it is for. */
export function AdminOverview(props: { user: LayoutUser }) {
  return (
    <AdminLayout user={props.user} section="overview" title={t('admin.title')}>
      <ul class="link-list">
        {ADMIN_SECTIONS.map((s) => (
          <li>
            <a href={s.href}>{t(s.label)}</a>
            <span class="muted"> — {t(s.about)}</span>
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}
