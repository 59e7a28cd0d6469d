import { createHash } from 'node:crypto';
import type { SidebarData } from './ticket-page.ts';

/**
 * A fingerprint of what the properties sidebar shows. The page keeps the one it was last
 * rendered from, and its live refresh sends it back: when nothing changed (typically the live
 * event of the person's own save, which the save's answer already shows) the refresh answers
 * 204, so "Saved." and whatever they are typing next stay on the page.
 *
 * @example
 * if (c.req.header('x-sidebar-version') === sidebarVersion(data)) return c.body(null, 204);
 */
export function sidebarVersion(data: SidebarData): string {
  const { ticket, fields, teams, assignees, links, mergedFrom, sla } = data;
  return createHash('sha256').update(JSON.stringify({ ticket, fields, teams, assignees, links, mergedFrom, sla })).digest('base64url').slice(0, 22);
}
