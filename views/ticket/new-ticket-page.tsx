import { priorityLabel, typeLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { FormState } from '#lib/pages/form-state.ts';
import { TICKET_PRIORITIES, TICKET_TYPES } from '#lib/tickets/model.ts';
import type { NewTicketChoices } from '#lib/tickets/new-ticket-choices.ts';
import { EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { NewTicketFieldInput } from './new-ticket-field.tsx';

/** GET /app/tickets/new — a ticket opened by an agent for a customer (a call, a chat, a walk-in). */
export function NewTicketPage(props: NewTicketChoices & { user: LayoutUser }) {
  return (
    <Layout title={t('ticket.new.title')} user={props.user} nav={<AppNav current="new-ticket" />}>
      <h1>{t('ticket.new.title')}</h1>
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
  const pick = (values: readonly string[], word: (v: string) => string) => values.map((v) => [v, word(v)] as const);
  return (
    <form id="new-ticket" class="card stack" method="post" action="/app/tickets" hx-post="/app/tickets" hx-encoding="multipart/form-data" hx-target="this" hx-swap="outerHTML">
      <Outcome error={props.error} />
      <TextField form="ticket" label={t('ticket.new.requester_email')} name="requester_email" type="email" required maxlength={254} state={state} hint={t('ticket.new.requester_email_hint')} />
      <TextField form="ticket" label={t('ticket.new.requester_name')} name="requester_name" maxlength={200} state={state} />
      <TextField form="ticket" label={t('ticket.field.subject')} name="subject" required maxlength={500} state={state} />
      <TextArea form="ticket" label={t('ticket.new.description')} name="body" rows={8} required state={state} hint={t('ticket.new.description_hint')} />
      <SelectField form="ticket" label={t('ticket.field.priority')} name="priority" options={pick(TICKET_PRIORITIES, priorityLabel)} selected="normal" state={state} />
      <SelectField form="ticket" label={t('ticket.field.type')} name="type" options={pick(TICKET_TYPES, typeLabel)} selected="question" state={state} />
      <SelectField form="ticket" label={t('ticket.field.assignee')} name="assignee_id" options={[['', t('common.unassigned')], ...props.assignees.map((a) => [a.id, a.name] as const)]} state={state} />
      <SelectField form="ticket" label={t('ticket.field.team')} name="team_id" options={[['', t('ticket.no_team')], ...props.teams.map((tm) => [tm.id, tm.name] as const)]} state={state} />
      <TextField form="ticket" label={t('ticket.field.tags')} name="tags" state={state} hint={t('ticket.tags_hint')} />
      {props.fields.map((f) => (
        <NewTicketFieldInput def={f} state={state} />
      ))}
      <TextField form="ticket" label={t('ticket.new.attachment')} name="file" type="file" state={state} hint={t('ticket.new.attachment_hint', { max: props.maxMb })} />
      <Submit>{t('ticket.new.create')}</Submit>
    </form>
  );
}
