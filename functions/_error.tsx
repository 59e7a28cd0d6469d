import { errorPages } from '#lib/router/error-pages.ts';
import { errorFragment, errorPage } from '#views/error-page.tsx';

/**
 * Not a route: how a failure looks in a browser. lib/app.ts's error handler renders a page
 * request's error (or an htmx request's fragment) with these; JSON callers get the error shape.
 */
export default errorPages({ page: errorPage, fragment: errorFragment });
