/** The pages of the signed-in app the top bar links to; `current` is marked for screen readers. */
export type AppSection = 'home' | 'queues' | 'new-ticket' | 'macros' | 'search' | 'security' | 'sessions';

const LINKS: readonly { section: AppSection; href: string; label: string }[] = [
  { section: 'home', href: '/app', label: 'Dashboard' },
  { section: 'queues', href: '/app/queues', label: 'Queues' },
  { section: 'new-ticket', href: '/app/tickets/new', label: 'New ticket' },
  { section: 'macros', href: '/app/macros', label: 'Macros' },
  { section: 'security', href: '/app/account/security', label: 'Security' },
  { section: 'sessions', href: '/app/account/sessions', label: 'Sessions' },
];

/**
 * The top bar's navigation links for signed-in staff pages (Layout's `nav` slot). The ticket
 * search box is the Layout's, beside the navigation (see NavSearch).
 *
 * @example
 * <Layout title="Security" user={user} nav={<AppNav current="security" />}>...</Layout>
 */
export function AppNav(props: { current?: AppSection | undefined }) {
  return (
    <>
      {LINKS.map((link) => (
        <a href={link.href} aria-current={link.section === props.current ? 'page' : undefined}>
          {link.label}
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
        Search tickets
      </label>
      <input id="nav-search-q" type="search" name="q" value={props.q ?? ''} placeholder="Search tickets ( / )" data-shortcut="/" />
    </form>
  );
}
