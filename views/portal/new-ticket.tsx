import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { t } from '#lib/i18n/translate.ts';
import { EMPTY_FORM, Outcome, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { NewTicketFieldInput } from '#views/ticket/new-ticket-field.tsx';
import { PortalLayout } from './portal-layout.tsx';

/** GET /portal/new — the new request page. */
export function NewTicketPage(props: { user: LayoutUser; fields: CustomFieldDef[]; maxMb: number }) {
  return (
    <PortalLayout user={props.user} title={t('portal.nav.new_request')} current="new">
      <h1>{t('portal.nav.new_request')}</h1>
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
      <TextField form="ticket" label={t('portal.new.subject')} name="subject" required maxlength={500} state={state} hint={t('portal.new.subject_hint')} />
      <TextArea form="ticket" label={t('portal.new.body')} name="body" rows={8} required state={state} />
      {props.fields.map((f) => (
        <NewTicketFieldInput def={f} state={state} />
      ))}
      <TextField form="ticket" label={t('portal.form.attachment')} name="file" type="file" state={state} hint={t('portal.new.attachment_hint', { mb: props.maxMb })} />
      <Submit>{t('portal.new.submit')}</Submit>
    </form>
  );
}
