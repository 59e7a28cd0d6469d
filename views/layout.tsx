import type { Child } from 'hono/jsx';

/** The shell every page shares; later pages add navigation and the htmx scripts. */
export function Layout(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ATUM DESK`}</title>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
