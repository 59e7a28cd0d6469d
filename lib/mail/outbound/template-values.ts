import type { TransactionSql } from '#lib/db/pool.ts';
import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import type { TemplateValues } from '#lib/mail/templates/variables.ts';

/** What an outbox row of a ticket notification points at. */
export interface NotificationRef {
  kind: string;
  ticket_number: string | null;
  ticket_message_id: string | null;
  recipient_user_id: string | null;
  mailbox_id: string | null;
}

/**
 * The values of every template variable for one notification, read under the org's tenant
 * context at send time. The agent is the reply's author, the recipient of an assignment, else
 * the ticket's assignee; a value the notification lacks is empty. Status and priority are in the
 * current reader's language: the composer runs as the recipient (lib/mail/outbound/compose.ts).
 */
export async function templateValues(tx: TransactionSql, ref: NotificationRef, publicUrl: string): Promise<TemplateValues> {
  const [row] = await tx<
    {
      number: string;
      subject: string;
      status: string;
      priority: string;
      requester_name: string;
      requester_email: string;
      agent_name: string | null;
      agent_email: string | null;
      body: string | null;
      org_name: string;
      signature: string | null;
    }[]
  >`
    select t.number::text, t.subject, t.status::text, t.priority::text,
           r.name as requester_name, r.email as requester_email,
           a.name as agent_name, a.email as agent_email, m.body_text as body,
           o.name as org_name, b.signature
    from tickets t
    join people r on r.id = t.requester_id
    join organizations o on o.id = t.org_id
    left join messages m on m.id = ${ref.ticket_message_id}::uuid
    left join people a on a.id = case when ${ref.kind} = 'ticket_reply' then m.author_id
                                     when ${ref.kind} = 'ticket_assignment' then ${ref.recipient_user_id}::uuid
                                     else t.assignee_id end
    left join mailboxes b on b.id = ${ref.mailbox_id}::uuid
    where t.number = ${ref.ticket_number}::bigint`;
  if (!row) throw new Error(`ticket ${ref.ticket_number} is gone`);
  const agentUrl = `${publicUrl}/app/tickets/${row.number}`;
  return {
    'ticket.number': row.number,
    'ticket.subject': row.subject,
    'ticket.status': statusLabel(row.status),
    'ticket.priority': priorityLabel(row.priority),
    'ticket.url': agentUrl,
    'requester.name': row.requester_name || row.requester_email,
    'requester.email': row.requester_email,
    'agent.name': row.agent_name || row.agent_email || (ref.kind === 'ticket_reply' ? row.org_name : ''),
    'agent.email': row.agent_email ?? '',
    'message.body': row.body ?? '',
    portal_url: `${publicUrl}/portal/tickets/${row.number}`,
    'org.name': row.org_name,
    signature: row.signature ?? '',
  };
}
