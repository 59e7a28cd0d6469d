import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { mayWrite } from '#lib/macros/form.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import { PLACEHOLDERS } from '#lib/macros/render.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#lib/tickets/model.ts';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { MACROS_SWAP, macroEffects, type MacrosState, type Me } from './macros-page.tsx';

function BackLink() {
  return (
    <p class="small">
      <a href="/app/macros">{t('macros.back')}</a>
    </p>
  );
}

/** The body of /app/macros/new; `canShare` offers the shared box (leads, admins, owners). */
export function NewMacroBody(props: { form: FormState; canShare: boolean; error?: string | undefined }) {
  return (
    <div id="macros-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>{t('macros.new')}</h2>
      <form class="card stack" method="post" action="/app/macros" hx-post="/app/macros" {...MACROS_SWAP}>
        <MacroFields form={props.form} />
        {props.canShare ? (
          <CheckboxField form="macro" label={t('macros.field.shared')} name="shared" checked={props.form.values.shared === 'on'} state={props.form} hint={t('macros.field.shared_hint')} />
        ) : (
          <p class="muted small">{t('macros.personal_only')}</p>
        )}
        <Submit>{t('macros.create')}</Submit>
      </form>
    </div>
  );
}

/** The body of /app/macros/:id: the macro in one form and deleting it, or, for a shared one the person may not change, what it holds. */
export function MacroBody(props: { macro: MacroRow; me: Me; form: FormState; state?: MacrosState }) {
  const m = props.macro;
  const state = props.state ?? {};
  const base = `/app/macros/${m.id}`;
  const title = m.owner_user_id === null ? t('macros.title_shared', { name: m.name }) : t('macros.title_mine', { name: m.name });
  if (!mayWrite(m, props.me)) {
    return (
      <div id="macros-body">
        <BackLink />
        <h2>{title}</h2>
        <p class="muted">{t('macros.shared_readonly')}</p>
        <div class="card">
          <p class="small">{t('macros.applying', { effects: macroEffects(m) })}</p>
          <pre class="macro-text">{m.body}</pre>
        </div>
      </div>
    );
  }
  return (
    <div id="macros-body">
      <BackLink />
      <Outcome notice={state.notice} error={state.error} />
      <h2>{title}</h2>
      <form class="card stack" method="post" action={base} hx-post={base} {...MACROS_SWAP}>
        <MacroFields form={props.form} />
        <Submit>{t('macros.save')}</Submit>
      </form>
      <section aria-labelledby="macro-delete-heading">
        <h3 id="macro-delete-heading">{t('common.delete')}</h3>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={t('macros.delete_confirm', { name: m.name })} {...MACROS_SWAP}>
          {t('macros.delete')}
        </button>
      </section>
    </div>
  );
}

function MacroFields(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <TextField form="macro" label={t('macros.field.name')} name="name" required maxlength={100} state={form} hint={t('macros.field.name_hint')} />
      <TextArea
        form="macro"
        label={t('macros.field.body')}
        name="body"
        rows={8}
        state={form}
        hint={tRich('macros.field.body_hint', {
          placeholders: PLACEHOLDERS.map((p, i) => (
            <>
              {i ? ', ' : ''}
              <code>{p}</code>
            </>
          )),
        })}
      />
      <CheckboxField form="macro" label={t('macros.field.internal')} name="internal" checked={form.values.internal === 'on'} state={form} />
      <div class="inline-form">
        <SelectField
          form="macro"
          label={t('macros.field.set_status')}
          name="set_status"
          options={[['', t('macros.field.leave_it')], ...TICKET_STATUSES.map((s) => [s, statusLabel(s)] as const)]}
          state={form}
        />
        <SelectField
          form="macro"
          label={t('macros.field.set_priority')}
          name="set_priority"
          options={[['', t('macros.field.leave_it')], ...TICKET_PRIORITIES.map((p) => [p, priorityLabel(p)] as const)]}
          state={form}
        />
      </div>
      <TextField form="macro" label={t('macros.field.add_tags')} name="add_tags" state={form} hint={t('macros.field.add_tags_hint')} />
    </>
  );
}
