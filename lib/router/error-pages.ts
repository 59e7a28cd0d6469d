/** HTML as hono/jsx renders it: `c.html()` takes either. */
type Html = string | Promise<string>;

/**
 * How a failed request is shown to a browser: a whole page, or, for htmx, a fragment to swap in
 * where the answer was expected. lib/ renders no views itself, so the one file
 * `functions/_error.tsx` supplies these and the route table carries them to the error handler.
 */
export interface ErrorPages {
  kind: 'error-pages';
  page(status: number, message: string): Html;
  fragment(message: string): Html;
}

/**
 * Declares the error renderers; `functions/_error.tsx` default-exports the result.
 *
 * @example
 * export default errorPages({ page: errorPage, fragment: errorFragment });
 */
export function errorPages(render: Omit<ErrorPages, 'kind'>): ErrorPages {
  return { kind: 'error-pages', page: render.page, fragment: render.fragment };
}
