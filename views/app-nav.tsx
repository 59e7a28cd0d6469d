/** The pages of the signed-in app the top bar links to; `current` is marked for screen readers. */
export type AppSection = 'home' | 'security' | 'sessions';

const LINKS: readonly { section: AppSection; href: string; label: string }[] = [
  { section: 'home', href: '/app', label: 'Home' },
  { section: 'security', href: '/app/account/security', label: 'Security' },
  { section: 'sessions', href: '/app/account/sessions', label: 'Sessions' },
];

/**
 * The top bar's navigation for signed-in pages (Layout's `nav` slot).
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
