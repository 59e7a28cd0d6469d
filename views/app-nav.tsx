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
 * The top bar's navigation for signed-in pages (Layout's `nav` slot), with the ticket search
 * box (`/` focuses it: its data-shortcut, see views/assets/shortcuts.js). `q` refills the box.
 *
 * @example
 * <Layout title="Security" user={user} nav={<AppNav current="security" />}>...</Layout>
 */
export function AppNav(props: { current?: AppSection | undefined; q?: string | undefined }) {
  return (
    <>
      {LINKS.map((link) => (
        <a href={link.href} aria-current={link.section === props.current ? 'page' : undefined}>
          {link.label}
        </a>
      ))}
      <form class="nav-search" role="search" action="/app/search" method="get">
        <label class="sr-only" for="nav-search-q">
          Search tickets
        </label>
        <input id="nav-search-q" type="search" name="q" value={props.q ?? ''} placeholder="Search tickets ( / )" data-shortcut="/" />
      </form>
    </>
  );
}
