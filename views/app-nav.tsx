import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';

/** The pages of the signed-in app the top bar links to; `current` is marked for screen readers. */
export type AppSection = 'home' | 'queues' | 'new-ticket' | 'macros' | 'search' | 'security' | 'sessions' | 'preferences';

/** Labels are keys, translated when rendered: the table is built once, for every reader. */
const LINKS: readonly { section: AppSection; href: string; label: MessageKey }[] = [
  { section: 'home', href: '/app', label: 'shell.nav.dashboard' },
  { section: 'queues', href: '/app/queues', label: 'shell.nav.queues' },
  { section: 'new-ticket', href: '/app/tickets/new', label: 'shell.nav.new_ticket' },
  { section: 'macros', href: '/app/macros', label: 'shell.nav.macros' },
  { section: 'security', href: '/app/account/security', label: 'shell.nav.security' },
  { section: 'sessions', href: '/app/account/sessions', label: 'shell.nav.sessions' },
  { section: 'preferences', href: '/app/account/preferences', label: 'preferences.nav' },
];

/**
 * The top bar's navigation links for signed-in staff pages (Layout's `nav` slot). The ticket
 * search box is the Layout's, beside the navigation (see NavSearch).
 *
 * @example
 * <Layout title={t('account.security.title')} user={user} nav={<AppNav current="security" />}>...</Layout>
 */
export function AppNav(props: { current?: AppSection | undefined }) {
  return (
    <>
      {LINKS.map((link) => (
        <a href={link.href} aria-current={link.section === props.current ? 'page' : undefined}>
          {t(link.label)}
        </a>
      ))}
    </>
  );
}

/**
 * The ticket search box in the top bar (`/` focuses it: its data-shortcut, see
 * views/assets/shortcuts.js). `q` refills the box on the results page.
 */
export function NavSearch(props: { q?: string | undefined }) {
  return (
    <form class="nav-search" role="search" action="/app/search" method="get">
      <label class="sr-only" for="nav-search-q">
        {t('shell.search.label')}
      </label>
      <input id="nav-search-q" type="search" name="q" value={props.q ?? ''} placeholder={t('shell.search.placeholder')} data-shortcut="/" />
    </form>
  );
}
