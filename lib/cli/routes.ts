import { loadRouteTable } from '#lib/router/mount.ts';

/** `npm run routes`: the route table, as the router mounts it. */
export async function printRoutes(print: (line: string) => void): Promise<void> {
  const table = await loadRouteTable();
  const rows = table.routes.map((r) => [r.method, r.path, typeof r.auth === 'string' ? r.auth : r.auth.permission, `functions/${r.file}`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length), 6));
  for (const m of table.middleware) print(`${'MW'.padEnd(widths[0]!)}  ${`${m.prefix === '/' ? '' : m.prefix}/*`.padEnd(widths[1]!)}  ${''.padEnd(widths[2]!)}  functions/${m.file}`);
  for (const row of rows) print(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '));
}
