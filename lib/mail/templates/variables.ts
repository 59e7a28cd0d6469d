/**
 * Every variable a template may use, with what it holds. One set for all notification kinds:
 * a value a kind does not have (the agent of an acknowledgement of an unassigned ticket) is empty.
 */
export const TEMPLATE_VARIABLES = {
  'ticket.number': 'The ticket number',
  'ticket.subject': 'The ticket subject',
  'ticket.status': 'The ticket status, in the recipient’s language (Open, Solved…)',
  'ticket.priority': 'The ticket priority, in the recipient’s language (Normal, Urgent…)',
  'ticket.url': 'The ticket in the agent interface',
  'requester.name': 'The customer’s name (their address when they have none)',
  'requester.email': 'The customer’s address',
  'agent.name': 'The agent: the reply’s author, the new assignee, else the ticket’s assignee',
  'agent.email': 'The agent’s address',
  'message.body': 'The reply’s text (replies only)',
  portal_url: 'Where the customer follows the ticket online',
  'org.name': 'The organization’s name',
  signature: 'The mailbox’s signature',
} as const;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export type TemplateValues = Record<TemplateVariable, string>;

export const isTemplateVariable = (name: string): name is TemplateVariable => Object.hasOwn(TEMPLATE_VARIABLES, name);
