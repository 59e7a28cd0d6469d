/** One line of `atum doctor`: what was checked, whether it passed, and what to do when not. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The line as printed: `ok` or `FAIL`, the name in a column, the detail.
 *
 * @example
 * formatCheck({ name: 'worker', ok: false, detail: 'stale' }); // 'FAIL  worker             stale'
 */
export function formatCheck(c: Check): string {
  return `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(18)} ${c.detail}`;
}

/** The message of anything thrown, without a stack. */
export function messageOf(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}
