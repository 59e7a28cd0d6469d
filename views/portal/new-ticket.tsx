import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { EMPTY_FORM, Outcome, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { NewTicketFieldInput } from '#views/ticket/new-ticket-field.tsx';
import { PortalLayout } from './portal-layout.tsx';

/** GET /portal/new — the new request page. */
export function NewTicketPage(props: { user: LayoutUser; fields: CustomFieldDef[]; maxMb: number }) {
  return (
    <PortalLayout user={props.user} title="New request" current="new">
      <h1>New request</h1>
      <NewTicketForm fields={props.fields} maxMb={props.maxMb} />
    </PortalLayout>
  );
}

/** The new request form; a refused post re-renders it with the messages beside the fields. */
export function NewTicketForm(props: { fields: CustomFieldDef[]; maxMb: number; state?: FormState; error?: string | undefined }) {
  const state = props.state ?? EMPTY_FORM;
  return (
    <form id="new-ticket" class="card stack" method="post" action="/portal/tickets" hx-post="/portal/tickets" hx-encoding="multipart/form-data" hx-target="this" hx-swap="outerHTML">
      <Outcome error={props.error} />
      <TextField form="ticket" label="Subject" name="subject" required maxlength={500} state={state} hint="A few words about what you need." />
      <TextArea form="ticket" label="Describe your request" name="body" rows={8} required state={state} />
      {props.fields.map((f) => (
        <NewTicketFieldInput def={f} state={state} />
      ))}
      <TextField form="ticket" label="Attachment (optional)" name="file" type="file" state={state} hint={`Images, PDFs, office documents or text, up to ${props.maxMb} MB.`} />
      <Submit>Send request</Submit>
    </form>
  );
}
