const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A time as people read it (UTC, said so), for `<time>` elements that carry the exact instant. */
export function when(at: Date): string {
  return `${DATE_TIME.format(at)} UTC`;
}

/** `on_hold` → `On hold`. */
export function label(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const CHANNELS: Record<string, string> = { email: 'Email', web: 'Web', portal: 'Portal', api: 'API' };

/** How a ticket came in, as people write it (`api` → `API`). */
export function channelLabel(channel: string): string {
  return CHANNELS[channel] ?? label(channel);
}

/** Where a ticket's page and its fragments live. */
export function ticketPath(number: number | string, rest = ''): string {
  return `/app/tickets/${number}${rest}`;
}
