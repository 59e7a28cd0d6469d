import type { Child } from 'hono/jsx';
import { LanguageMenu } from './language-menu.tsx';
import { Layout } from './layout.tsx';

/**
 * A signed-out page around its card, with the language menu below it: the whole document for a browser's own request, the card
 * alone for htmx, whose forms swap the card (`hx-target="#login-card" hx-select="#login-card"`).
 *
 * @example
 * return c.html(<AuthPage title="Sign in" fragment={isHtmx(c)}><LoginCard /></AuthPage>, 401);
 */
export function AuthPage(props: { title: string; fragment: boolean; children: Child }) {
  if (props.fragment) return <>{props.children}</>;
  return (
    <Layout title={props.title}>
      {props.children}
      <LanguageMenu signedIn={false} />
    </Layout>
  );
}

/** The htmx attributes of a form whose answer replaces the card it sits in. */
export function swapCard(id: string, action: string) {
  return { 'hx-post': action, 'hx-target': `#${id}`, 'hx-select': `#${id}`, 'hx-swap': 'outerHTML' } as const;
}
