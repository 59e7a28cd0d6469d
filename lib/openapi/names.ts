/**
 * `/api/v1/tickets/:number` → `/api/v1/tickets/{number}` (a catch-all `:path{.+}` → `{path}`).
 *
 * @example
 * openApiPath('/api/v1/users/:id'); // '/api/v1/users/{id}'
 */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

/** `post` + `/api/v1/tickets/{number}/messages` → `postTicketsByNumberMessages`. */
export function operationIdOf(method: string, template: string): string {
  const words = template
    .replace(/^\/api\/(v\d+\/)?/, '')
    .split('/')
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** `/api/v1/tickets/{number}` → `tickets`; `/api/docs` → `docs`. */
export function tagOf(template: string): string {
  return template.replace(/^\/api\/(v\d+\/)?/, '').split('/')[0] || 'api';
}
