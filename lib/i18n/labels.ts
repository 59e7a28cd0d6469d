import type { Role } from '#lib/db/tenant.ts';
import type { TicketPriority, TicketStatus } from '#lib/tickets/model.ts';
import type { MessageKey } from './locales.ts';
import { t } from './translate.ts';

/**
 * The words for the app's fixed values. The keys are written out, not built from the value, so
 * the catalogue check sees each one used and the type checker sees each one exist.
 */
const STATUS: Record<TicketStatus, MessageKey> = {
  new: 'ticket.status.new',
  open: 'ticket.status.open',
  pending: 'ticket.status.pending',
  on_hold: 'ticket.status.on_hold',
  solved: 'ticket.status.solved',
  closed: 'ticket.status.closed',
};
const PRIORITY: Record<TicketPriority, MessageKey> = {
  low: 'ticket.priority.low',
  normal: 'ticket.priority.normal',
  high: 'ticket.priority.high',
  urgent: 'ticket.priority.urgent',
};
const TYPE: Record<string, MessageKey> = {
  question: 'ticket.type.question',
  incident: 'ticket.type.incident',
  problem: 'ticket.type.problem',
  task: 'ticket.type.task',
};
const CHANNEL: Record<string, MessageKey> = { web: 'ticket.channel.web', portal: 'ticket.channel.portal', email: 'ticket.channel.email', api: 'ticket.channel.api' };
const ROLE: Record<Role, MessageKey> = { customer: 'role.customer', agent: 'role.agent', lead: 'role.lead', admin: 'role.admin', owner: 'role.owner' };

/** A value the catalogue has no word for is shown as stored rather than hidden. */
function labelOf(table: Record<string, MessageKey>, value: string): string {
  const key = table[value];
  return key ? t(key) : value;
}

export const statusLabel = (status: TicketStatus | string): string => labelOf(STATUS, status);
export const priorityLabel = (priority: TicketPriority | string): string => labelOf(PRIORITY, priority);
export const typeLabel = (type: string): string => labelOf(TYPE, type);
export const channelLabel = (channel: string): string => labelOf(CHANNEL, channel);
export const roleLabel = (role: Role | string): string => labelOf(ROLE, role);
