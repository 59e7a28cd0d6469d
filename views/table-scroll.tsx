import type { Child } from 'hono/jsx';

/**
 * The box a table scrolls sideways in when it is wider than the screen (a phone), so the page
 * itself never does. It is a named region and takes focus, so a keyboard user can scroll it
 * with the arrow keys even when no cell holds a link (WCAG 2.1.1, axe's
 * scrollable-region-focusable). Name it apart from the section around it ("Table of members"
 * in "Members"): two landmarks with one name cannot be told apart.
 *
 * @example
 * <TableScroll label="Table of members"><table>…</table></TableScroll>
 */
export function TableScroll(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}
