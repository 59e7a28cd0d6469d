/** The notifications an org may word itself; each is also an outbox `kind`. */
export const TEMPLATE_KEYS = ['ticket_acknowledgement', 'ticket_reply', 'ticket_assignment'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface MailTemplate {
  subject: string;
  body_text: string;
  /** Null: the mail goes out as text only. */
  body_html: string | null;
}

/** Who gets mail of each kind: customer mail carries the ticket reference, Reply-To and threading headers. */
export const AUDIENCE: Record<TemplateKey, 'customer' | 'staff'> = {
  ticket_acknowledgement: 'customer',
  ticket_reply: 'customer',
  ticket_assignment: 'staff',
};

/**
 * What an org gets until it saves its own. The ticket reference (the mailbox's subject pattern,
 * `[#{number}]` by default) is added to customer subjects when sending, so a template cannot
 * break threading by leaving it out.
 */
export const DEFAULT_TEMPLATES: Record<TemplateKey, MailTemplate> = {
  ticket_acknowledgement: {
    subject: '{{ticket.subject}}',
    body_text: [
      'Hello {{requester.name}},',
      '',
      'thank you for writing to {{org.name}}. We have your request as ticket #{{ticket.number}}, "{{ticket.subject}}", and will answer soon.',
      'To add to it, reply to this email and keep the ticket reference in the subject.',
      '',
      'Follow it online: {{portal_url}}',
      '',
      '{{signature}}',
    ].join('\n'),
    body_html: [
      '<p>Hello {{requester.name}},</p>',
      '<p>thank you for writing to {{org.name}}. We have your request as ticket #{{ticket.number}}, &ldquo;{{ticket.subject}}&rdquo;, and will answer soon.',
      'To add to it, reply to this email and keep the ticket reference in the subject.</p>',
      '<p><a href="{{portal_url}}">Follow it online</a></p>',
      '<p>{{signature}}</p>',
    ].join('\n'),
  },
  ticket_reply: {
    subject: 'Re: {{ticket.subject}}',
    body_text: ['{{message.body}}', '', '{{signature}}', '', '--', 'Ticket #{{ticket.number}}: {{portal_url}}'].join('\n'),
    body_html: ['<div>{{message.body}}</div>', '<p>{{signature}}</p>', '<p style="color:#666">Ticket #{{ticket.number}}: <a href="{{portal_url}}">{{portal_url}}</a></p>'].join('\n'),
  },
  ticket_assignment: {
    subject: 'Ticket #{{ticket.number}} assigned to you: {{ticket.subject}}',
    body_text: [
      'Hello {{agent.name}},',
      '',
      'ticket #{{ticket.number}}, "{{ticket.subject}}" from {{requester.name}} <{{requester.email}}>, is now assigned to you (priority {{ticket.priority}}).',
      '',
      'Open it: {{ticket.url}}',
    ].join('\n'),
    body_html: [
      '<p>Hello {{agent.name}},</p>',
      '<p>ticket #{{ticket.number}}, &ldquo;{{ticket.subject}}&rdquo; from {{requester.name}} &lt;{{requester.email}}&gt;, is now assigned to you (priority {{ticket.priority}}).</p>',
      '<p><a href="{{ticket.url}}">Open it</a></p>',
    ].join('\n'),
  },
};
