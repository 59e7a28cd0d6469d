import type { TicketStatus } from '#lib/tickets/model.ts';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * A ticket time as an agent reads it in a list: day, month and time in the org's zone.
 *
 * @example
 * shortTime(new Date('2026-12-01T09:30:00Z'), 'Europe/Berlin'); // '1 Dec, 10:30'
 */
export function shortTime(at: Date, zone: string): string {
  let fmt = FORMATS.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    FORMATS.set(zone, fmt);
  }
  return fmt.format(at);
}

/** `on_hold` as people write it. */
export function statusLabel(status: TicketStatus | string): string {
  return status.replace('_', ' ');
}
