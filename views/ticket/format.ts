/** Where a ticket's page and its fragments live. */
export function ticketPath(number: number | string, rest = ''): string {
  return `/app/tickets/${number}${rest}`;
}
