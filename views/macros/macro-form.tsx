import { mayWrite } from '#lib/macros/form.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import { PLACEHOLDERS } from '#lib/macros/render.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#lib/tickets/model.ts';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { MACROS_SWAP, macroEffects, type MacrosState, type Me } from './macros-page.tsx';

const label = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1).replace('_', ' ')}`;

function BackLink() {
  return (
    <p class="small">
      <a href="/app/macros">← All macros</a>
    </p>
  );
}

/** The body of /app/macros/new; `canShare` offers the shared box (leads, admins, owners). */
export function NewMacroBody(props: { form: FormState; canShare: boolean; error?: string | undefined }) {
  return (
    <div id="macros-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>New macro</h2>
      <form class="card stack" method="post" action="/app/macros" hx-post="/app/macros" {...MACROS_SWAP}>
        <MacroFields form={props.form} />
        {props.canShare ? (
          <CheckboxField
            form="macro"
            label="Shared: every agent of the organization may use it"
            name="shared"
            checked={props.form.values.shared === 'on'}
            state={props.form}
            hint="Otherwise only you see it. This cannot change later."
          />
        ) : (
          <p class="muted small">Only you will see it. Shared macros are made by leads and admins.</p>
        )}
        <Submit>Create macro</Submit>
      </form>
    </div>
  );
}

/** The body of /app/macros/:id: the macro in one form and deleting it, or, for a shared one the person may not change, what it holds. */
export function MacroBody(props: { macro: MacroRow; me: Me; form: FormState; state?: MacrosState }) {
  const m = props.macro;
  const state = props.state ?? {};
  const base = `/app/macros/${m.id}`;
  const title = `${m.owner_user_id === null ? 'Shared macro' : 'My macro'}: ${m.name}`;
  if (!mayWrite(m, props.me)) {
    return (
      <div id="macros-body">
        <BackLink />
        <h2>{title}</h2>
        <p class="muted">Shared macros are changed by leads, admins and owners.</p>
        <div class="card">
          <p class="small">{`Applying it: ${macroEffects(m)}`}</p>
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
        <Submit>Save macro</Submit>
      </form>
      <section aria-labelledby="macro-delete-heading">
        <h3 id="macro-delete-heading">Delete</h3>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={`Delete the macro ${m.name}?`} {...MACROS_SWAP}>
          Delete macro
        </button>
      </section>
    </div>
  );
}

function MacroFields(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <TextField form="macro" label="Name" name="name" required maxlength={100} state={form} hint="As the composer's list shows it, e.g. Thanks, solved." />
      <TextArea
        form="macro"
        label="Text"
        name="body"
        rows={8}
        state={form}
        hint={
          <>
            Placeholders are filled in from the ticket when the macro is applied:{' '}
            {PLACEHOLDERS.map((p, i) => (
              <>
                {i ? ', ' : ''}
                <code>{p}</code>
              </>
            ))}
            .
          </>
        }
      />
      <CheckboxField form="macro" label="Write it as an internal note (staff only), not a public reply" name="internal" checked={form.values.internal === 'on'} state={form} />
      <div class="inline-form">
        <SelectField form="macro" label="Set the status to" name="set_status" options={[['', 'Leave it'], ...TICKET_STATUSES.map((s) => [s, label(s)] as const)]} state={form} />
        <SelectField form="macro" label="Set the priority to" name="set_priority" options={[['', 'Leave it'], ...TICKET_PRIORITIES.map((p) => [p, label(p)] as const)]} state={form} />
      </div>
      <TextField form="macro" label="Add tags" name="add_tags" state={form} hint="Separated by commas or spaces; at most 20." />
    </>
  );
}
