import type { NewTicketChoices } from '#lib/tickets/new-ticket-choices.ts';
import { TICKET_PRIORITIES, TICKET_TYPES } from '#lib/tickets/model.ts';
import { EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { label } from './format.ts';
import { NewTicketFieldInput } from './new-ticket-field.tsx';

/** GET /app/tickets/new — a ticket opened by an agent for a customer (a call, a chat, a walk-in). */
export function NewTicketPage(props: NewTicketChoices & { user: LayoutUser }) {
  return (
    <Layout title="New ticket" user={props.user} nav={<AppNav current="new-ticket" />}>
      <h1>New ticket</h1>
      <NewTicketForm {...props} />
    </Layout>
  );
}

/**
 * The form; a refused post re-renders it with the message beside each field and what was typed.
 * Every custom field is offered, the ones customers never see included.
 */
export function NewTicketForm(props: NewTicketChoices & { state?: FormState; error?: string | undefined }) {
  const state = props.state ?? EMPTY_FORM;
  const pick = (values: readonly string[]) => values.map((v) => [v, label(v)] as const);
  return (
    <form id="new-ticket" class="card stack" method="post" action="/app/tickets" hx-post="/app/tickets" hx-encoding="multipart/form-data" hx-target="this" hx-swap="outerHTML">
      <Outcome error={props.error} />
      <TextField form="ticket" label="Requester email" name="requester_email" type="email" required maxlength={254} state={state} hint="Someone new becomes a customer of the organization." />
      <TextField form="ticket" label="Requester name (optional)" name="requester_name" maxlength={200} state={state} />
      <TextField form="ticket" label="Subject" name="subject" required maxlength={500} state={state} />
      <TextArea form="ticket" label="Description" name="body" rows={8} required state={state} hint="The request in the customer's words: the first message of the ticket, which they can read." />
      <SelectField form="ticket" label="Priority" name="priority" options={pick(TICKET_PRIORITIES)} selected="normal" state={state} />
      <SelectField form="ticket" label="Type" name="type" options={pick(TICKET_TYPES)} selected="question" state={state} />
      <SelectField form="ticket" label="Assignee" name="assignee_id" options={[['', 'Unassigned'], ...props.assignees.map((a) => [a.id, a.name] as const)]} state={state} />
      <SelectField form="ticket" label="Team" name="team_id" options={[['', 'No team'], ...props.teams.map((t) => [t.id, t.name] as const)]} state={state} />
      <TextField form="ticket" label="Tags" name="tags" state={state} hint="Separate tags with commas." />
      {props.fields.map((f) => (
        <NewTicketFieldInput def={f} state={state} />
      ))}
      <TextField form="ticket" label="Attachment (optional)" name="file" type="file" state={state} hint={`Filed with the first message, up to ${props.maxMb} MB.`} />
      <Submit>Create ticket</Submit>
    </form>
  );
}
