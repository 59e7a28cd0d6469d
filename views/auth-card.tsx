import type { Child } from 'hono/jsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * The centered card of the signed-out pages (sign in, 2FA, forgot and reset password,
 * invitations, errors): a title, an optional error (announced, role="alert") or notice
 * (role="status"), the form, and an optional footer for links.
 *
 * @example
 * <Layout title={t('auth.login.page_title')}>
 *   <AuthCard title={t('auth.login.title')} error={failed ? message : undefined}>
 *     <form method="post" action="/login">...</form>
 *   </AuthCard>
 * </Layout>
 */
export function AuthCard(props: {
  title: string;
  children?: Child;
  error?: Child | undefined;
  notice?: Child | undefined;
  footer?: Child | undefined;
  /** An id for the card, so an htmx form can target it (`hx-target="#login-card"`). */
  id?: string | undefined;
}) {
  return (
    <section class="auth">
      <div class="card auth-card" id={props.id}>
        <span class="product">{t('app.name')}</span>
        <h1>{props.title}</h1>
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.children}
        {props.footer ? <footer>{props.footer}</footer> : null}
      </div>
    </section>
  );
}
