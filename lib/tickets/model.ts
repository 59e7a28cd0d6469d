import * as v from 'valibot';
import { oneOf } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import type { Role } from '#lib/db/tenant.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;
export const TICKET_CHANNELS = ['web', 'portal', 'email', 'api'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const status = v.picklist(TICKET_STATUSES, oneOf(TICKET_STATUSES));
export const priority = v.picklist(TICKET_PRIORITIES, oneOf(TICKET_PRIORITIES));
export const ticketType = v.picklist(TICKET_TYPES, oneOf(TICKET_TYPES));
export const tag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[\p{L}\p{N}_\-.:/]{1,50}$/u, () => t('validation.ticket.tag')),
);
/** Tags as a form types them: comma separated, at most 50. */
export const tagList = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
  v.array(tag),
  v.maxLength(50, () => t('validation.max_tags', { max: 50 })),
);
export const ticketNumberParams = v.object({
  number: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,15}$/, () => t('validation.ticket.number')),
    v.transform(Number),
  ),
});

/** A ticket row as selected by TICKET_COLUMNS. */
export interface TicketRow {
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: string;
  channel: string;
  requester_id: string;
  requester_email: string;
  requester_name: string;
  assignee_id: string | null;
  team_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  merged_into: string | null;
  follow_up_of: string | null;
  created_at: Date;
  updated_at: Date;
  first_response_at: Date | null;
  solved_at: Date | null;
  closed_at: Date | null;
}

/**
 * The select list every ticket read uses (with `t` for tickets and `u` for the requester), so
 * all endpoints answer the same shape.
 */
export const TICKET_COLUMNS = `t.number::text as number, t.subject, t.status, t.priority, t.type, t.channel,
  t.requester_id, u.email as requester_email, u.name as requester_name, t.assignee_id, t.team_id, t.tags,
  t.custom_fields, t.merged_into::text as merged_into, t.follow_up_of::text as follow_up_of, t.created_at,
  t.updated_at, t.first_response_at, t.solved_at, t.closed_at`;

/**
 * The API shape of a ticket. Numbers are JSON numbers (bigint in SQL, far below 2^53). A
 * customer sees only the custom fields marked visible to customers.
 *
 * @example
 * return serializeTicket(row, caller.role, visibleKeys);
 */
export function serializeTicket(row: TicketRow, role: Role, customerVisibleFields: ReadonlySet<string>) {
  const customFields = role === 'customer' ? Object.fromEntries(Object.entries(row.custom_fields).filter(([k]) => customerVisibleFields.has(k))) : row.custom_fields;
  return {
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    type: row.type,
    channel: row.channel,
    requester: { id: row.requester_id, email: row.requester_email, name: row.requester_name },
    assignee_id: row.assignee_id,
    team_id: row.team_id,
    tags: row.tags,
    custom_fields: customFields,
    merged_into: row.merged_into === null ? null : Number(row.merged_into),
    follow_up_of: row.follow_up_of === null ? null : Number(row.follow_up_of),
    created_at: row.created_at,
    updated_at: row.updated_at,
    first_response_at: row.first_response_at,
    solved_at: row.solved_at,
    closed_at: row.closed_at,
  };
}
export type TicketJson = ReturnType<typeof serializeTicket>;
