import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { Layout } from './layout.tsx';

/** The HTML answer to a browser for a failed page request (JSON goes to everything else). */
export function errorPage(status: number, message: string) {
  // A 503 is an outage that passes (the database or Redis restarting): say so, not "Error".
  const title = status === 404 ? t('error_page.not_found') : status === 503 ? t('error_page.unavailable') : t('error_page.error_status', { status: String(status) });
  return (
    <Layout title={title}>
      <AuthCard title={title} footer={<a href="/">{t('error_page.back')}</a>}>
        <p class="muted">{message}</p>
      </AuthCard>
    </Layout>
  );
}

/** The same failure as a fragment, for an htmx request to swap in where the answer was expected. */
export function errorFragment(message: string) {
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
